using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Server;

/// <summary>
/// <c>POST /runs/{runId}/compactions</c>: the same compaction a <see cref="RunSession"/> runs at a step's
/// end, on request. The session refolds the run's log, so the window, the loop state and the parent are
/// the store's, not the caller's.
/// </summary>
public sealed partial class RuntimeServer
{
    /// <inheritdoc/>
    public async Task<CompactRunResult> CompactRunAsync(CompactRunOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new CompactRunResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new CompactRunResult.NotFound(RunNotFound(request.RunId));
        }

        using var writing = await _writeLocks.EnterAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        var session = await RunSession.OpenAsync(_store, request.RunId, _sessionOptions, cancellationToken).ConfigureAwait(false);
        if (request.Body.ExpectedSeq is { } expected && expected != session.LastSeq)
        {
            return new CompactRunResult.Conflict(SequenceMoved(expected, session.LastSeq));
        }
        if (!session.HasWorkSinceSnapshot)
        {
            var since = session.Latest is null ? "since it started" : "since its latest snapshot";
            var message = $"Run '{request.RunId}' has nothing to compact: no event {since} other than compaction bookkeeping.";
            return new CompactRunResult.Conflict(Problems.Create(409, "Nothing to compact", message,
                [Problems.Error("/trigger", "window", message)]));
        }

        if (UnmetTrigger(request.Body.Trigger, session) is { } unmet)
        {
            return new CompactRunResult.UnprocessableEntity(Problems.Create(422, "Trigger not met", unmet, [Problems.Error("/trigger", "trigger", unmet)]));
        }

        try
        {
            var outcome = await session.CompactAsync(request.Body.Trigger, cancellationToken).ConfigureAwait(false);
            return outcome.Snapshot is { } snapshot
                ? new CompactRunResult.Created(snapshot)
                : new CompactRunResult.UnprocessableEntity(Rejected(outcome.Verdict));
        }
        catch (SequenceConflictException conflict)
        {
            return new CompactRunResult.Conflict(SequenceMoved(conflict.ExpectedLastSeq, conflict.ActualLastSeq));
        }
        catch (SnapshotConflictException conflict)
        {
            return new CompactRunResult.Conflict(Problems.Create(409, "Snapshot conflict", conflict.Message,
                [Problems.Error("/trigger", "latest", conflict.Message)]));
        }
    }

    /// <summary>
    /// Why <paramref name="trigger"/> does not hold for the run now, or null when it does: the trigger recorded in
    /// <c>compaction_started</c> must be true of the real counts, so a client cannot claim a threshold the run has not reached.
    /// </summary>
    private string? UnmetTrigger(ContractTrigger trigger, RunSession session)
    {
        var policy = _sessionOptions.Compaction;
        return trigger switch
        {
            ContractTrigger.EventThreshold when session.CountedEventsSinceSnapshot < policy.EventThreshold =>
                $"trigger 'event_threshold' needs {policy.EventThreshold} counted events since the latest snapshot; run '{session.RunId}' has {session.CountedEventsSinceSnapshot}. Send 'manual' to compact now.",
            ContractTrigger.StepFallback when session.StepsSinceSnapshot < policy.StepFallback =>
                $"trigger 'step_fallback' needs {policy.StepFallback} steps since the latest snapshot; run '{session.RunId}' has {session.StepsSinceSnapshot}. Send 'manual' to compact now.",
            _ => null,
        };
    }

    /// <summary>The 409 for an <c>expected_seq</c> the log has moved past; <paramref name="detail"/> defaults to the error's message.</summary>
    private static ProblemDetails SequenceMoved(long expected, long actual, string? detail = null)
    {
        var message = $"expected_seq is {expected} but the run ends at seq {actual}.";
        return Problems.Create(409, "Sequence conflict", detail ?? message, [Problems.Error("/expected_seq", "sequence", message)]);
    }

    /// <summary>
    /// The gate's violations as problem errors. Violations name the snapshot member they concern as a
    /// leading JSON pointer (<c>/findings/0/evidence/0: …</c>); the rest concern the snapshot as a whole.
    /// </summary>
    private static ProblemDetails Rejected(GateVerdict verdict)
    {
        var errors = verdict.Violations.Take(100).Select(violation =>
        {
            var colon = violation.IndexOf(": ", StringComparison.Ordinal);
            var pointer = violation.StartsWith('/') && colon > 0 ? violation[..colon] : "";
            return Problems.Error(pointer, verdict.Reason == CompactionRejectionReason.SchemaInvalid ? "schema" : "invariant", violation);
        }).ToArray();
        return Problems.Create(422, "Snapshot rejected by the invariant gate",
            $"The compaction was rejected ({verdict.Violations.Count} violation(s)); no snapshot was written, only the compaction_started and compaction_rejected events.", errors);
    }
}
