using System.Collections.Generic;
using Alexandria.Contracts;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Agents.Loop;

/// <summary>
/// Reads a run's events newest first and says when enough has been seen: the last plan (what the step in progress was
/// planned as) and whether a loop override is still in force — the override the last plan that chose one chose, unless
/// a call ran after it, with the loop outcome it answered (the latest before it) and the tool of the latest act before
/// it with that outcome's call hash. Agrees with the whole-log fold in <see cref="RunHistory"/> on every log.
/// </summary>
internal sealed class BackwardScan
{
    private readonly List<ActEvent> _actsAfterAnswer = new();
    private Phase _phase = Phase.FindOverridePlan;
    private PlanEvent? _overridePlan;
    private LoopDetectedOutcome? _answered;

    private enum Phase
    {
        FindOverridePlan,
        FindAnsweredOutcome,
        FindAnsweredAct,
        Done,
    }

    /// <summary>The latest plan seen, or null.</summary>
    public PlanEvent? LastPlan { get; private set; }

    /// <summary>The override still in force; meaningful once <see cref="Settled"/> (or after <see cref="EndIfUnsettled"/>).</summary>
    public ActiveOverride? Active { get; private set; }

    /// <summary>True when older events cannot change <see cref="LastPlan"/> or <see cref="Active"/>.</summary>
    public bool Settled => LastPlan is not null && _phase == Phase.Done;

    /// <summary>Takes in the next older event.</summary>
    public void Take(RunEvent evt)
    {
        LastPlan ??= evt as PlanEvent;
        switch (_phase)
        {
            case Phase.FindOverridePlan when evt is ObserveEvent observe && RunHistory.Ran(observe):
                // A call ran after whatever override was chosen before this point: none is in force.
                _phase = Phase.Done;
                break;
            case Phase.FindOverridePlan when evt is PlanEvent { Payload.ChosenOverride: not null } plan:
                _overridePlan = plan;
                _phase = Phase.FindAnsweredOutcome;
                break;
            case Phase.FindAnsweredOutcome when evt is ActEvent act:
                _actsAfterAnswer.Add(act);
                break;
            case Phase.FindAnsweredOutcome when evt is GuardrailTriggeredEvent { Payload.Outcome: LoopDetectedOutcome loop }:
                _answered = loop;
                _phase = Phase.FindAnsweredAct;
                foreach (var act in _actsAfterAnswer)
                {
                    if (TryFinish(act))
                    {
                        break;
                    }
                }

                break;
            case Phase.FindAnsweredAct when evt is ActEvent act:
                TryFinish(act);
                break;
        }
    }

    /// <summary>The log's first event has been taken: what is still open is settled as the whole-log fold settles it.</summary>
    public void EndIfUnsettled()
    {
        if (_phase == Phase.FindAnsweredAct)
        {
            Finish("");
        }

        _phase = Phase.Done;
    }

    private bool TryFinish(ActEvent act)
    {
        if (CallHash.Compute(act.Payload.ToolName, act.Payload.Arguments) != _answered!.CallHash)
        {
            return false;
        }

        Finish(act.Payload.ToolName);
        return true;
    }

    private void Finish(string tool)
    {
        Active = new ActiveOverride(_overridePlan!.Payload.ChosenOverride!.Value, tool, _answered!.CallHash, _answered);
        _phase = Phase.Done;
    }
}
