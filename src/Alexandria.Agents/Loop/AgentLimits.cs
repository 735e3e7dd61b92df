using System;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The budgets of a run; reaching any one ends it with its own <see cref="AgentRunStatus"/>. Defaults follow the
/// anchors users know: LangGraph's <c>recursion_limit</c> 25 for steps, four model calls a step.
/// </summary>
public sealed record AgentLimits
{
    /// <summary>Most steps (plan → act → observe). Default 25.</summary>
    public int MaxSteps { get; init; } = 25;

    /// <summary>Most model calls, repairs included. Default 100.</summary>
    public int MaxModelCalls { get; init; } = 100;

    /// <summary>Most tokens (input + output, as the model reports them). Default 2,000,000.</summary>
    public long MaxTokens { get; init; } = 2_000_000;

    /// <summary>Most wall-clock time; a model or tool call still running then is cancelled. Default 30 minutes.</summary>
    public TimeSpan WallClock { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The defaults.</summary>
    public static AgentLimits Default { get; } = new();
}
