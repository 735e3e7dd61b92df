using System;
using System.Linq;
using Alexandria.Agents.Json;
using Alexandria.Contracts;

namespace Alexandria.Agents.Loop;

/// <summary>
/// Makes loop overrides binding (DOMAIN §4). After a <c>loop_detected</c> outcome the planner's next plan must
/// choose one of the offered overrides; the choice then constrains the executor until the loop is broken:
/// <list type="bullet">
/// <item><c>change_tool</c>: the looping tool may not be called.</item>
/// <item><c>change_arguments</c>, <c>ask_for_context</c>: the looping call (same tool and canonical arguments) may not be made again.</item>
/// <item><c>replan</c>: the plan must differ from the one that looped, and the looping call may not be made again.</item>
/// <item><c>abort_run</c>: the run ends.</item>
/// </list>
/// A plan that does not choose, or chooses what was not offered, and a call the override forbids, each count as
/// ignoring the override; at <see cref="AgentOptions.MaxOverrideViolations"/> the run ends.
/// </summary>
internal sealed class LoopOverrideEnforcer
{
    private readonly int _maxViolations;
    private string _pendingTool = "";

    public LoopOverrideEnforcer(int maxViolations)
    {
        _maxViolations = maxViolations;
    }

    /// <summary>The latest loop outcome the planner has not answered yet.</summary>
    public LoopDetectedOutcome? Pending { get; private set; }

    /// <summary>The override in force, or null.</summary>
    public ActiveOverride? Active { get; private set; }

    /// <summary>Times the current override was ignored.</summary>
    public int Violations { get; private set; }

    /// <summary>Overrides chosen and accepted over the run.</summary>
    public int Chosen { get; private set; }

    public bool Exhausted => Violations >= _maxViolations;

    /// <summary>Continues a resumed run with the loop outcome still unanswered and the override still in force.</summary>
    public void Restore(LoopDetectedOutcome? pending, ActiveOverride? active)
    {
        Pending = pending;
        _pendingTool = active?.ToolName ?? "";
        Active = active;
    }

    /// <summary>A loop heuristic fired on a call of <paramref name="toolName"/>: the planner must answer it.</summary>
    public void OnSignal(LoopDetectedOutcome outcome, string toolName)
    {
        Pending = outcome;
        _pendingTool = toolName;
    }

    /// <summary>
    /// Checks <paramref name="plan"/> against the pending outcome; null when it may be written, otherwise why not
    /// (and the violation is counted). <paramref name="previous"/> is the plan before it.
    /// </summary>
    public string? CheckPlan(PlanPayload plan, PlanPayload? previous)
    {
        if (Pending is not { } pending)
        {
            return null;
        }

        string? problem = null;
        if (plan.ChosenOverride is not { } chosen)
        {
            problem = $"a loop was detected ({AgentJson.Name(pending.Signal)}, {pending.Count} ≥ {pending.Threshold}) and the plan sets no chosen_override; choose one of {Offered(pending)}.";
        }
        else if (!pending.AllowedOverrides.Contains(chosen))
        {
            problem = $"chosen_override {AgentJson.Name(chosen)} was not offered; choose one of {Offered(pending)}.";
        }
        else if (chosen == LoopOverride.Replan && previous is not null && previous.Steps.SequenceEqual(plan.Steps))
        {
            problem = "chosen_override replan requires a different plan, but the steps are unchanged.";
        }

        if (problem is not null)
        {
            Violations++;
            return problem;
        }

        Active = new ActiveOverride(plan.ChosenOverride!.Value, _pendingTool, pending.CallHash, pending);
        Pending = null;
        Chosen++;
        return null;
    }

    /// <summary>Why the override in force forbids calling <paramref name="toolName"/> with call hash <paramref name="callHash"/>; null when it does not.</summary>
    public string? Forbids(string toolName, string callHash)
    {
        if (Active is not { } active)
        {
            return null;
        }

        return active.Kind switch
        {
            LoopOverride.ChangeTool when string.Equals(toolName, active.ToolName, StringComparison.Ordinal)
                => $"the planner chose change_tool after {toolName} looped; {toolName} may not be called until another tool has run.",
            LoopOverride.ChangeArguments or LoopOverride.AskForContext or LoopOverride.Replan when string.Equals(callHash, active.CallHash, StringComparison.Ordinal)
                => $"the planner chose {AgentJson.Name(active.Kind)} after this exact call looped; the same {toolName} call with the same arguments may not be made again.",
            _ => null,
        };
    }

    private static string Offered(LoopDetectedOutcome outcome) => string.Join(", ", outcome.AllowedOverrides.Select(o => AgentJson.Name(o)));

    /// <summary>A call the override forbade was refused: counted, and the outcome it answered is pending again (returned, to re-issue).</summary>
    public LoopDetectedOutcome OnRefused()
    {
        var active = Active ?? throw new InvalidOperationException("No override is in force.");
        Violations++;
        Pending = active.Answered;
        _pendingTool = active.ToolName;
        return active.Answered;
    }

    /// <summary>A call ran that the override allowed: the loop is broken, the override retires.</summary>
    public void OnExecuted()
    {
        Active = null;
        Violations = 0;
    }
}

/// <summary>An override in force: what was chosen against which looping tool and call.</summary>
internal sealed record ActiveOverride(LoopOverride Kind, string ToolName, string CallHash, LoopDetectedOutcome Answered);
