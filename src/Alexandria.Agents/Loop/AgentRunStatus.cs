namespace Alexandria.Agents.Loop;

/// <summary>How a run ended. Every limit and every refusal has its own value: a run never just stops.</summary>
public enum AgentRunStatus
{
    /// <summary>The planner returned a plan with no step left to run.</summary>
    Completed,

    /// <summary>The planner chose the <c>abort_run</c> loop override.</summary>
    AbortedByOverride,

    /// <summary><see cref="AgentLimits.MaxSteps"/> steps ran.</summary>
    MaxStepsReached,

    /// <summary><see cref="AgentLimits.MaxModelCalls"/> model calls were made.</summary>
    MaxModelCallsReached,

    /// <summary><see cref="AgentLimits.MaxTokens"/> tokens were used.</summary>
    MaxTokensReached,

    /// <summary><see cref="AgentLimits.WallClock"/> elapsed.</summary>
    WallClockExceeded,

    /// <summary>The caller cancelled the run.</summary>
    Cancelled,

    /// <summary>A model reply still failed its output schema after the bounded repairs (<c>schema_repair_outcome</c> logged).</summary>
    SchemaRepairFailed,

    /// <summary>The planner ignored a loop override (did not choose one, or its executor made a forbidden call) the allowed number of times.</summary>
    LoopOverrideIgnored,

    /// <summary>A handoff packet was older than its TTL when received (BLOCKED).</summary>
    HandoffBlocked,

    /// <summary>The model client failed (transport error, or a scripted run diverged from its script).</summary>
    ModelFailed,
}
