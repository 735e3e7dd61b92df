using System;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>A long run written straight to the storage layer, for the open benchmarks of either backend.</summary>
internal static class LongRunWorkload
{
    /// <summary>
    /// Appends <paramref name="events"/> contract-valid events in batches of <paramref name="batch"/>, then a latest
    /// snapshot folded from the 60 events before the last <paramref name="tail"/> (what an open reads is the snapshot's
    /// recorded state, not how it was built).
    /// </summary>
    public static async Task WriteAsync(IRuntimeStore store, string runId, int events, int batch, int tail)
    {
        for (long first = 1; first <= events; first += batch)
        {
            var rows = Workload.StorageRows(runId, (int)Math.Min(batch, events - first + 1), first);
            await store.Events.AppendAsync(runId, first - 1, rows).ConfigureAwait(false);
        }

        var coveredLast = events - tail;
        var log = new TypedEventLog(store.Events, store.Objects);
        var window = (await log.ReadAsync(runId, coveredLast - 59, 60).ConfigureAwait(false)).Select(e => e.Event).ToList();
        var loop = new LoopDetector();
        foreach (var evt in window)
        {
            LoopDetectorFeed.Apply(loop, evt);
        }

        var snapshot = new SnapshotBuilder(CompactionPolicy.Default).Build(new CompactionWindow(runId, null, window), loop);
        await store.Snapshots.AppendAsync(
            new StoredSnapshot(runId, snapshot.SnapshotId, null, snapshot.CoveredSeq.First, snapshot.CoveredSeq.Last, snapshot.CreatedAt, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snapshot, OutputSchemaJson.Options)),
            expectedLatest: null).ConfigureAwait(false);
    }
}
