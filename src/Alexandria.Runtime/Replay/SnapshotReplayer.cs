using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Replay;

/// <summary>
/// Rebuilds every snapshot of a run from the event log alone and compares its bytes with the stored
/// one (DOMAIN §2: rebuilding is the verification path). The log says which snapshots exist:
/// each <c>compaction_finished</c> event names one and its covered range; the chain is rebuilt from
/// the first, each from the previous rebuilt snapshot and the events it covers. Every artifact an
/// evidence pointer of a rebuilt snapshot cites is read and hash-checked: a flipped byte in stored
/// evidence is a finding of the replay, not something the next reader trips over.
/// </summary>
public sealed class SnapshotReplayer
{
    private readonly IRuntimeStore _store;
    private readonly RunSessionOptions _options;

    /// <summary>Creates a replayer; <paramref name="options"/> must be the ones the run was written with.</summary>
    public SnapshotReplayer(IRuntimeStore store, RunSessionOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new RunSessionOptions();
    }

    /// <summary>Replays <paramref name="runId"/> and reports every mismatch.</summary>
    public async Task<ReplayReport> VerifyAsync(string runId, CancellationToken cancellationToken = default)
    {
        var log = new TypedEventLog(_store.Events, _store.Objects, _options.Compaction.InlineBlobCapBytes);
        var events = new List<RunEvent>();
        await foreach (var logged in log.ReadRangeAsync(runId, 1, null, cancellationToken).ConfigureAwait(false))
        {
            events.Add(logged.Event);
        }

        var recorded = events.OfType<CompactionFinishedEvent>().Select(e => e.Payload).ToList();
        var byLastSeq = recorded.GroupBy(p => p.CoveredSeq.Last).ToDictionary(g => g.Key, g => g.First());
        var mismatches = new List<SnapshotMismatch>();
        var builder = new SnapshotBuilder(_options.Compaction);
        var loop = new LoopDetector(_options.LoopDetection);
        var evidence = new EvidenceResolver(_store.Artifacts, _store.Objects, verifyBytes: true);
        CompactionSnapshot? parent = null;
        var windowStart = 0;
        var checkedCount = 0;

        for (var i = 0; i < events.Count; i++)
        {
            LoopDetectorFeed.Apply(loop, events[i]);
            if (!byLastSeq.TryGetValue(events[i].Seq, out var finished))
            {
                continue;
            }

            var window = new CompactionWindow(runId, parent, events.GetRange(windowStart, i - windowStart + 1));
            var rebuilt = builder.Build(window, loop);
            var bytes = ContractJson.Serialize(rebuilt);
            checkedCount++;

            var cited = rebuilt.Findings.SelectMany((finding, f) =>
                finding.Evidence.Select((pointer, e) => ($"/findings/{f}/evidence/{e}", pointer)));
            foreach (var problem in await evidence.FindUnresolvedAsync(runId, cited, cancellationToken).ConfigureAwait(false))
            {
                mismatches.Add(new SnapshotMismatch(finished.SnapshotId, problem[..problem.IndexOf(':', StringComparison.Ordinal)], "cited evidence fails verification: " + problem));
            }

            if (rebuilt.SnapshotId != finished.SnapshotId || window.FirstSeq != finished.CoveredSeq.First)
            {
                mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", $"the log records snapshot {finished.SnapshotId} over seq {finished.CoveredSeq.First}..{finished.CoveredSeq.Last}, but the chain rebuilt from the log gives {rebuilt.SnapshotId} over {window.FirstSeq}..{window.LastSeq}."));
            }

            StoredSnapshot? stored;
            try
            {
                stored = await _store.Snapshots.GetAsync(runId, finished.SnapshotId, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e)
            {
                // Storage refuses damaged records (checksums, hashes); for a verification that is a finding, not a crash.
                mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", "the stored snapshot cannot be read: " + e.Message));
                parent = rebuilt;
                windowStart = i + 1;
                continue;
            }

            if (stored is null)
            {
                mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", "the log records this snapshot but the snapshot store does not hold it."));
            }
            else if (!stored.Json.Span.SequenceEqual(bytes))
            {
                var pointer = JsonPointerDiff.FirstDifference(stored.Json, bytes);
                mismatches.Add(new SnapshotMismatch(
                    finished.SnapshotId,
                    pointer ?? "",
                    pointer is null
                        ? "the stored bytes differ from the rebuilt bytes, though both hold the same JSON (formatting changed)."
                        : $"the stored snapshot differs from the one rebuilt from the log, first at {(pointer.Length == 0 ? "(root)" : pointer)}."));
            }

            parent = rebuilt;
            windowStart = i + 1;
        }

        IReadOnlyList<StoredSnapshot> history;
        try
        {
            history = await _store.Snapshots.GetHistoryAsync(runId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            mismatches.Add(new SnapshotMismatch(Guid.Empty, "", "the snapshot history cannot be read: " + e.Message));
            history = Array.Empty<StoredSnapshot>();
        }

        var inLog = recorded.Select(r => r.SnapshotId).ToHashSet();
        foreach (var orphan in history.Where(h => !inLog.Contains(h.SnapshotId)))
        {
            mismatches.Add(new SnapshotMismatch(orphan.SnapshotId, "", "the snapshot store holds this snapshot but no compaction_finished event in the log records it."));
        }

        return new ReplayReport(runId, events.Count, checkedCount, mismatches);
    }
}
