using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The loop's one path into the run's log (through <see cref="RunSession"/>, like every other writer): appends
/// drafts, turns the loop signals an append raised into <c>loop_detected</c> guardrail events offering the typed
/// overrides, and keeps the guardrail notices the planner must see at its next turn.
/// </summary>
internal sealed class RunWriter
{
    private readonly IReadOnlyList<LoopOverride> _offered;
    private readonly List<GuardrailOutcome> _notices = new();
    private readonly List<RunEvent> _deferred = new();

    public RunWriter(RunSession session, IReadOnlyList<LoopOverride> offered, LoopOverrideEnforcer overrides)
    {
        Session = session;
        _offered = offered;
        Overrides = overrides;
    }

    public RunSession Session { get; }

    public LoopOverrideEnforcer Overrides { get; }

    /// <summary>Highest step id written so far (compaction bookkeeping included).</summary>
    public long LastStepId { get; private set; }

    public int GuardrailEvents { get; private set; }

    public int LoopSignals { get; private set; }

    /// <summary>Guardrail outcomes since the last plan, in order: the planner's <c>guardrail_notices</c>.</summary>
    public IReadOnlyList<GuardrailOutcome> Notices => _notices;

    /// <summary>Continues a resumed run: its last step, its guardrail count and the notices the planner has not seen.</summary>
    public void Restore(long lastStepId, int guardrailEvents, IEnumerable<GuardrailOutcome> notices)
    {
        LastStepId = lastStepId;
        GuardrailEvents = guardrailEvents;
        _notices.Clear();
        _notices.AddRange(notices);
    }

    /// <summary>
    /// Queues <paramref name="draft"/> to be written in one batch with the next append (or <see cref="FlushAsync"/>),
    /// for records that need not be durable on their own: a model call's <c>token_usage</c>, a handoff's
    /// <c>handoff_sent</c>/<c>handoff_received</c> pair. Whatever is queued is written before any append returns, so
    /// it is durable before the next tool call (its <c>tool_call_started</c> is an append) and before the run ends
    /// (<see cref="FlushAsync"/>); a crash before then loses it together with the work after it, exactly as a crash
    /// just before writing it one by one would — which resume already handles.
    /// </summary>
    public void Defer(RunEvent draft) => _deferred.Add(draft);

    /// <summary>Writes the queued drafts, if any, as one batch.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred.Count > 0)
        {
            await WriteAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends the queued drafts and <paramref name="draft"/> as one atomic batch; returns <paramref name="draft"/> as written.</summary>
    public async ValueTask<RunEvent> AppendAsync(RunEvent draft, CancellationToken cancellationToken)
        => (await WriteAsync(draft, cancellationToken).ConfigureAwait(false))!;

    private async ValueTask<RunEvent?> WriteAsync(RunEvent? draft, CancellationToken cancellationToken)
    {
        IReadOnlyList<AppendedEvent> batch;
        if (_deferred.Count == 0)
        {
            batch = new[] { await Session.AppendAsync(draft!, cancellationToken).ConfigureAwait(false) };
        }
        else
        {
            var drafts = new RunEvent[_deferred.Count + (draft is null ? 0 : 1)];
            _deferred.CopyTo(drafts);
            if (draft is not null)
            {
                drafts[^1] = draft;
            }

            // Cleared once written: a refused or failed batch leaves the queue as it was.
            batch = await Session.AppendAsync(drafts, cancellationToken).ConfigureAwait(false);
            _deferred.Clear();
        }

        foreach (var appended in batch)
        {
            await AcceptAsync(appended, cancellationToken).ConfigureAwait(false);
        }

        return draft is null ? null : batch[^1].Event;
    }

    /// <summary>Takes one written event into the writer's state: step, notices, and a guardrail event per loop signal it raised.</summary>
    private async Task AcceptAsync(AppendedEvent appended, CancellationToken cancellationToken)
    {
        if (appended.Event is not GuardrailTriggeredEvent)
        {
            // As before batching: a guardrail event never moved the step on.
            LastStepId = Math.Max(LastStepId, appended.Event.StepId);
        }

        if (appended.Event is PlanEvent)
        {
            _notices.Clear();
        }

        foreach (var signal in appended.LoopSignals)
        {
            LoopSignals++;
            var callId = appended.Event switch
            {
                ActEvent { Payload: var act } => act.CallId,
                ObserveEvent { Payload: var observe } => observe.CallId,
                _ => null,
            };
            var tool = callId is not null && Session.Loop.TryGetCall(callId, out var call) ? call.ToolName : "";
            var outcome = new LoopDetectedOutcome
            {
                Signal = Signal(signal.Kind),
                Count = signal.Count,
                Threshold = signal.Threshold,
                CallHash = signal.CallHash,
                AllowedOverrides = _offered,
            };
            Overrides.OnSignal(outcome, tool);
            await GuardrailAsync(appended.Event.StepId, appended.Event.AgentRole, callId, outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Raised after each guardrail event is written (for progress lines).</summary>
    public event Action<long, GuardrailOutcome>? Guarded;

    public async Task GuardrailAsync(long step, AgentRole role, string? callId, GuardrailOutcome outcome, CancellationToken cancellationToken)
    {
        await AppendAsync(EventDrafts.Guardrail(step, role, callId, outcome), cancellationToken).ConfigureAwait(false);
        GuardrailEvents++;
        _notices.Add(outcome);
        Guarded?.Invoke(step, outcome);
    }

    private static LoopDetectionSignal Signal(LoopSignalKind kind) => kind switch
    {
        LoopSignalKind.IdenticalConsecutiveCalls => LoopDetectionSignal.IdenticalConsecutiveCalls,
        LoopSignalKind.IdenticalActionObservationPairs => LoopDetectionSignal.IdenticalActionObservationPairs,
        LoopSignalKind.RepeatedFailingAction => LoopDetectionSignal.RepeatedFailingAction,
        _ => LoopDetectionSignal.AbAlternation,
    };
}
