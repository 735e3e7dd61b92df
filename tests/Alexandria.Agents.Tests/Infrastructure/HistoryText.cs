using System.Collections.Generic;
using System.Linq;
using Alexandria.Agents.Json;
using Alexandria.Agents.Loop;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>Everything a <see cref="RunHistory"/> restores, one line each, contract values as canonical JSON: two histories are equal when their texts are.</summary>
internal static class HistoryText
{
    public static string Of(RunHistory history)
    {
        var lines = new List<string>
        {
            "objective: " + history.Objective,
            "last plan: " + (history.LastPlan is { } plan ? AgentJson.Canonical(plan) : "none"),
            "tail: " + (history.Tail is { } tail
                ? $"step {tail.StepId}, plan {AgentJson.Canonical(tail.Plan)}, act {(tail.Act is { } act ? AgentJson.Canonical(act) : "none")}, started {tail.ToolStarted}, observed {tail.Observed}"
                : "none"),
            "last step: " + history.LastStepId,
            $"steps {history.Steps}, model calls {history.ModelCalls}, tokens {history.InputTokens}/{history.OutputTokens}, repairs {history.Repairs}, guardrail events {history.GuardrailEvents}",
            "notices: " + string.Join(" | ", history.NoticesSinceLastPlan.Select(n => AgentJson.Canonical(n))),
            "pending loop: " + (history.PendingLoop is { } loop ? AgentJson.Canonical(loop) : "none"),
            "active override: " + (history.ActiveOverride is { } active
                ? $"{AgentJson.Name(active.Kind)} on {active.ToolName} {active.CallHash} answering {AgentJson.Canonical(active.Answered)}"
                : "none"),
            "answer: " + (history.Answer is { } answer
                ? $"step {answer.StepId}: {answer.Text} citing {string.Join(", ", answer.Citations.Select(e => AgentJson.Canonical(e)))}"
                : "none"),
        };
        return string.Join("\n", lines);
    }
}
