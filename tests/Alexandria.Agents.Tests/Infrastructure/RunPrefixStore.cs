using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>
/// A read-only view of a store as it stood after seq <c>throughSeq</c> of one run: what a process killed right then left
/// durable. Events after it are not there; a snapshot is there once its <c>compaction_finished</c> is (the two are
/// committed together, the event two seqs after the snapshot's covered end). With <c>withoutRunTotals</c>, every snapshot
/// reads as one written before <c>run_totals</c> existed. Reads are counted.
/// </summary>
internal sealed class RunPrefixStore : IRuntimeStore
{
    private readonly IRuntimeStore _inner;
    private readonly PrefixLog _events;
    private readonly PrefixSnapshots _snapshots;

    public RunPrefixStore(IRuntimeStore inner, long throughSeq, bool withoutRunTotals)
    {
        _inner = inner;
        _events = new PrefixLog(inner.Events, throughSeq);
        _snapshots = new PrefixSnapshots(inner.Snapshots, throughSeq, withoutRunTotals);
    }

    /// <summary>Events returned by every read so far.</summary>
    public long EventsRead => _events.EventsRead;

    public RuntimeStoreBackend Backend => _inner.Backend;

    public IEventLog Events => _events;

    public ISnapshotStore Snapshots => _snapshots;

    public IArtifactIndex Artifacts => _inner.Artifacts;

    public IObjectStore Objects => _inner.Objects;

    /// <summary>True when a crash can leave exactly <paramref name="throughSeq"/>: not between a compaction's two events.</summary>
    public static async Task<bool> IsDurablePointAsync(IRuntimeStore store, string runId, long throughSeq)
        => !(await store.Snapshots.GetHistoryAsync(runId)).Any(s => s.LastSeq + 1 == throughSeq);

    /// <summary>The snapshot <paramref name="json"/> as written before <c>run_totals</c> existed.</summary>
    public static byte[] WithoutRunTotals(ReadOnlySpan<byte> json) => (CompactionSnapshot.ParseUnvalidated(json) with { RunTotals = null }).ToUtf8Json();

    public Task<AppendedRange> CommitCompactionAsync(StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("A prefix view is read-only.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class PrefixLog(IEventLog inner, long throughSeq) : IEventLog
    {
        private long _read;

        public long EventsRead => _read;

        public Task<AppendedRange> AppendAsync(string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("A prefix view is read-only.");

        public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
        {
            var count = (int)Math.Max(0, Math.Min(maxCount, throughSeq - fromSeq + 1));
            var events = count == 0 ? Array.Empty<StoredEvent>() : await inner.ReadAsync(runId, fromSeq, count, cancellationToken);
            _read += events.Count;
            return events;
        }

        public async Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
            => Math.Min(throughSeq, await inner.GetLastSeqAsync(runId, cancellationToken));
    }

    private sealed class PrefixSnapshots(ISnapshotStore inner, long throughSeq, bool withoutRunTotals) : ISnapshotStore
    {
        public Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("A prefix view is read-only.");

        public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
            => (await GetHistoryAsync(runId, cancellationToken)).LastOrDefault();

        public async Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
            => (await GetHistoryAsync(runId, cancellationToken)).FirstOrDefault(s => s.SnapshotId == snapshotId);

        public async Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
            => (await inner.GetHistoryAsync(runId, cancellationToken))
                .Where(s => s.LastSeq + 2 <= throughSeq)
                .Select(s => withoutRunTotals ? s with { Json = WithoutRunTotals(s.Json.Span) } : s)
                .ToList();
    }
}
