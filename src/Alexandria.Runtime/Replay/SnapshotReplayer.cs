using System;
using System.Collections.Generic;
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
    /// <remarks>
    /// Streams the log: only the events since the last rebuilt snapshot are held. A <c>compaction_finished</c> comes
    /// after the range it covers, so the loop detector is fed lazily, up to a window's last event when it is built,
    /// and the window is closed as soon as the log names its end. Each rebuilt snapshot is serialized into one reused
    /// buffer and compared with the stored record in place where the store allows it (the embedded store).
    /// </remarks>
    public async Task<ReplayReport> VerifyAsync(string runId, CancellationToken cancellationToken = default)
    {
        var log = new TypedEventLog(_store.Events, _store.Objects, _options.Compaction.InlineBlobCapBytes);
        var state = new ChainState(runId, _options);
        var evidence = new EvidenceResolver(_store.Artifacts, _store.Objects, verifyBytes: true);
        var recorded = new HashSet<Guid>();
        long eventsRead = 0;

        await foreach (var evt in log.ReadEventsAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            eventsRead++;
            state.Window.Add(evt);
            if (evt is CompactionFinishedEvent { Payload: var finished })
            {
                recorded.Add(finished.SnapshotId);
                state.Record(finished);
            }

            while (state.NextClosableWindow() is { } end)
            {
                await CheckAsync(state, end.Finished, end.Count, evidence, cancellationToken).ConfigureAwait(false);
            }
        }

        state.ReportUnreached();
        await FindOrphansAsync(runId, recorded, state.Mismatches, cancellationToken).ConfigureAwait(false);
        return new ReplayReport(runId, eventsRead, state.Checked, state.Mismatches);
    }

    /// <summary>Rebuilds the snapshot over the first <paramref name="count"/> events of the window and compares it.</summary>
    private async Task CheckAsync(ChainState state, CompactionFinishedPayload finished, int count, EvidenceResolver evidence, CancellationToken cancellationToken)
    {
        var runId = state.RunId;
        var mismatches = state.Mismatches;
        var window = state.Close(count);
        var rebuilt = state.Builder.Build(window, state.Loop, state.Json);
        var bytes = state.Json.Written;
        state.Checked++;

        foreach (var problem in await evidence.FindUnresolvedAsync(runId, rebuilt.Findings, cancellationToken).ConfigureAwait(false))
        {
            mismatches.Add(new SnapshotMismatch(finished.SnapshotId, problem[..problem.IndexOf(':', StringComparison.Ordinal)], "cited evidence fails verification: " + problem));
        }

        if (rebuilt.SnapshotId != finished.SnapshotId || window.FirstSeq != finished.CoveredSeq.First)
        {
            mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", $"the log records snapshot {finished.SnapshotId} over seq {finished.CoveredSeq.First}..{finished.CoveredSeq.Last}, but the chain rebuilt from the log gives {rebuilt.SnapshotId} over {window.FirstSeq}..{window.LastSeq}."));
        }

        state.Parent = rebuilt;
        try
        {
            // The embedded store compares in place; a difference (rare) is read again to say where.
            if (_store.Snapshots is ISnapshotJsonComparer comparer
                && await comparer.JsonEqualsAsync(runId, finished.SnapshotId, bytes, cancellationToken).ConfigureAwait(false) is true)
            {
                return;
            }

            var stored = await _store.Snapshots.GetAsync(runId, finished.SnapshotId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", "the log records this snapshot but the snapshot store does not hold it."));
            }
            else if (!stored.Json.Span.SequenceEqual(bytes.Span) && WithoutRunTotals(stored, rebuilt) is { } written)
            {
                // The descendants were written from this parent, so they are rebuilt from it too.
                state.Parent = written;
            }
            else if (!stored.Json.Span.SequenceEqual(bytes.Span))
            {
                var pointer = JsonPointerDiff.FirstDifference(stored.Json, bytes.ToArray());
                mismatches.Add(new SnapshotMismatch(
                    finished.SnapshotId,
                    pointer ?? "",
                    pointer is null
                        ? "the stored bytes differ from the rebuilt bytes, though both hold the same JSON (formatting changed)."
                        : $"the stored snapshot differs from the one rebuilt from the log, first at {(pointer.Length == 0 ? "(root)" : pointer)}."));
            }
        }
        catch (StorageException e)
        {
            // Storage refuses damaged records (checksums, hashes); for a verification that is a finding, not a crash.
            mismatches.Add(new SnapshotMismatch(finished.SnapshotId, "", "the stored snapshot cannot be read: " + e.Message));
        }
    }

    /// <summary>
    /// A snapshot written before <c>run_totals</c> existed (an additive field) is the rebuild without it, which this
    /// returns (null otherwise): a run written before the upgrade still replays clean. Its descendants carry no totals
    /// either (nothing to continue from) and are rebuilt from it, byte for byte as ever.
    /// </summary>
    private static CompactionSnapshot? WithoutRunTotals(StoredSnapshot stored, CompactionSnapshot rebuilt)
    {
        var written = rebuilt with { RunTotals = null };
        return rebuilt.RunTotals is not null && stored.Json.Span.SequenceEqual(ContractJson.Serialize(written)) ? written : null;
    }

    /// <summary>Snapshots the store holds that no <c>compaction_finished</c> of the log records; each is read, so a damaged one says so.</summary>
    private async Task FindOrphansAsync(string runId, HashSet<Guid> recorded, List<SnapshotMismatch> mismatches, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var id in await _store.Snapshots.GetHistoryIdsAsync(runId, cancellationToken).ConfigureAwait(false))
            {
                if (!recorded.Contains(id))
                {
                    _ = await _store.Snapshots.GetAsync(runId, id, cancellationToken).ConfigureAwait(false);
                    mismatches.Add(new SnapshotMismatch(id, "", "the snapshot store holds this snapshot but no compaction_finished event in the log records it."));
                }
            }
        }
        catch (StorageException e)
        {
            mismatches.Add(new SnapshotMismatch(Guid.Empty, "", "the snapshot history cannot be read: " + e.Message));
        }
    }
}
