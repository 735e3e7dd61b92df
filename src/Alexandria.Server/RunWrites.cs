using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.Logging;
using AppendEventsResult = Alexandria.Contracts.Server.AppendEventsResult;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Server;

/// <summary>
/// The API's writes as the run's writer makes them: open the run's <see cref="RunSession"/>, append or compact, map
/// the runtime's refusals to problems. Callers make sure one write per run runs at a time (<see cref="LocalRunWriter"/>
/// in one process, the run's grain in a cluster); the requests arrive already checked against the path and the contract.
/// </summary>
public sealed class RunWrites
{
    private readonly IRuntimeStore _store;
    private readonly AlexandriaServerSettings _settings;
    private readonly RunSessionOptions _sessionOptions;
    private readonly ILogger _logger;

    /// <summary>Writes to <paramref name="store"/> with the server's <paramref name="settings"/>.</summary>
    public RunWrites(IRuntimeStore store, AlexandriaServerSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _store = store;
        _settings = settings;
        _sessionOptions = settings.SessionOptions(time);
        _logger = logger;
    }

    /// <summary><c>POST /runs/{runId}/events</c> after the request checks: append, then compact when due.</summary>
    public async Task<AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var session = await RunSession.OpenAsync(_store, runId, _sessionOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.AppendNumberedAsync(body.ExpectedSeq, body.Events, cancellationToken).ConfigureAwait(false);
        }
        catch (SequenceConflictException conflict)
        {
            return new AppendEventsResult.Conflict(SequenceMoved(conflict.ExpectedLastSeq, conflict.ActualLastSeq, conflict.Message));
        }
        catch (InlinePayloadTooLargeException tooLarge)
        {
            return new AppendEventsResult.UnprocessableEntity(Problems.Create(422, "Inline payload too large", tooLarge.Message,
                [Problems.Error($"/events/{tooLarge.Seq - body.ExpectedSeq - 1}/payload", "maxInlineBytes", tooLarge.Message)]));
        }
        catch (EventValidationException invalid)
        {
            return new AppendEventsResult.UnprocessableEntity(Problems.Create(422, "Invalid event", invalid.Message,
                invalid.Errors.Take(100).Select(e => Problems.Error("/events", "schema", e)).ToArray()));
        }
        catch (EventRefusedException refused)
        {
            return new AppendEventsResult.UnprocessableEntity(Problems.Create(422, "Event would block compaction", refused.Message,
                [Problems.Error($"/events/{refused.Index ?? 0}{refused.Pointer}", "compactable", refused.Reason)]));
        }
        await CompactIfDueAsync(session, cancellationToken).ConfigureAwait(false);
        return new AppendEventsResult.Ok(new Contracts.AppendEventsResult { FirstSeq = body.ExpectedSeq + 1, LastSeq = body.ExpectedSeq + body.Events.Count });
    }

    /// <summary>
    /// After an accepted append, the compaction a CLI run would make at this point, when one is due. The append
    /// is already durable, so a compaction that cannot be made now (another writer moved the log, the gate refused
    /// the snapshot) is logged and left to the next append or to an explicit request; it never fails the append.
    /// </summary>
    private async Task CompactIfDueAsync(RunSession session, CancellationToken cancellationToken)
    {
        if (!_settings.AutomaticCompaction)
        {
            return;
        }
        try
        {
            var outcome = await session.EndStepAsync(cancellationToken).ConfigureAwait(false);
            if (outcome is { Snapshot: null })
            {
                _logger.LogWarning("Automatic compaction of run {RunId} was rejected: {Violations}", session.RunId, string.Join("; ", outcome.Verdict.Violations));
            }
        }
        catch (Exception ex) when (ex is StorageException or EventValidationException or InlinePayloadTooLargeException)
        {
            _logger.LogWarning(ex, "Automatic compaction of run {RunId} was not made", session.RunId);
        }
    }

    /// <summary><c>POST /runs/{runId}/compactions</c> after the request checks.</summary>
    public async Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var session = await RunSession.OpenAsync(_store, runId, _sessionOptions, cancellationToken).ConfigureAwait(false);
        if (body.ExpectedSeq is { } expected && expected != session.LastSeq)
        {
            return new CompactRunResult.Conflict(SequenceMoved(expected, session.LastSeq));
        }
        if (!session.HasWorkSinceSnapshot)
        {
            var since = session.Latest is null ? "since it started" : "since its latest snapshot";
            var message = $"Run '{runId}' has nothing to compact: no event {since} other than compaction bookkeeping.";
            return new CompactRunResult.Conflict(Problems.Create(409, "Nothing to compact", message,
                [Problems.Error("/trigger", "window", message)]));
        }

        if (UnmetTrigger(body.Trigger, session) is { } unmet)
        {
            return new CompactRunResult.UnprocessableEntity(Problems.Create(422, "Trigger not met", unmet, [Problems.Error("/trigger", "trigger", unmet)]));
        }

        try
        {
            var outcome = await session.CompactAsync(body.Trigger, cancellationToken).ConfigureAwait(false);
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
