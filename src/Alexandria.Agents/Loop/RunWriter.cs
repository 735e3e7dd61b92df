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

    public async Task<RunEvent> AppendAsync(RunEvent draft, CancellationToken cancellationToken)
    {
        var appended = await Session.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        LastStepId = Math.Max(LastStepId, appended.Event.StepId);
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

        return appended.Event;
    }

    /// <summary>Raised after each guardrail event is written (for progress lines).</summary>
    public event Action<long, GuardrailOutcome>? Guarded;

    public async Task GuardrailAsync(long step, AgentRole role, string? callId, GuardrailOutcome outcome, CancellationToken cancellationToken)
    {
        await Session.AppendAsync(EventDrafts.Guardrail(step, role, callId, outcome), cancellationToken).ConfigureAwait(false);
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
