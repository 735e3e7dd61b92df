using System;
using System.Collections.Generic;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;

namespace Alexandria.Agents.Loop;

/// <summary>Settings of an <see cref="AgentRunner"/>; every number is configurable.</summary>
public sealed record AgentOptions
{
    /// <summary>Run budgets.</summary>
    public AgentLimits Limits { get; init; } = AgentLimits.Default;

    /// <summary>Compaction thresholds, loop-detection thresholds and the clock events are stamped with.</summary>
    public RunSessionOptions Session { get; init; } = new();

    /// <summary>Repair tries after a reply fails its output schema (0–5; the contract caps attempts at 5). Default 2.</summary>
    public int MaxRepairs { get; init; } = 2;

    /// <summary>Item/byte caps and the timeout of tool calls.</summary>
    public ToolLimits Tools { get; init; } = ToolLimits.Default;

    /// <summary>What executors may read and write (the scope of every planner→executor handoff packet).</summary>
    public HandoffScope ExecutorScope { get; init; } = new() { ReadablePaths = new[] { "**" }, WritablePaths = Array.Empty<string>() };

    /// <summary>Tools executors may call; null for every registered tool.</summary>
    public IReadOnlyList<string>? ExecutorTools { get; init; }

    /// <summary>Overrides a <c>loop_detected</c> outcome offers the planner. Default: all five.</summary>
    public IReadOnlyList<LoopOverride> AllowedOverrides { get; init; } =
        new[] { LoopOverride.ChangeTool, LoopOverride.ChangeArguments, LoopOverride.AskForContext, LoopOverride.Replan, LoopOverride.AbortRun };

    /// <summary>Times the planner may ignore a loop override before the run ends (<see cref="AgentRunStatus.LoopOverrideIgnored"/>). Default 2.</summary>
    public int MaxOverrideViolations { get; init; } = 2;

    /// <summary>TTL of handoff packets; an older packet is BLOCKED. Default 72 h.</summary>
    public int HandoffTtlHours { get; init; } = 72;

    /// <summary>
    /// How handoff packets travel between planner and executor: null for in process; an
    /// <see cref="Handoffs.HttpHandoffRoute"/> routes them through the HTTP API (Mode 2 of the handoff protocol).
    /// </summary>
    public Handoffs.IHandoffRoute? HandoffRoute { get; init; }

    /// <summary>The workstream handoff packets name.</summary>
    public string Workstream { get; init; } = "agent-run";

    /// <summary>
    /// The provider forms of each prompt's output schema (OpenAI strict, Anthropic, Ollama), sent unchanged by the
    /// provider adapters. Default: the forms the generator compiled from the contracts (a prompt a provider cannot
    /// express strictly runs in plain JSON mode there); the validator judges either way.
    /// </summary>
    public Providers.IOutputSchemaCatalog OutputSchemas { get; init; } = Providers.GeneratedOutputSchemas.Instance;

    /// <summary>The defaults.</summary>
    public static AgentOptions Default { get; } = new();

    internal void Check()
    {
        if (MaxRepairs is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRepairs), "MaxRepairs must be 0 to 5 (repair_attempted.attempt is at most 5).");
        }

        if (Limits.MaxSteps < 1 || Limits.MaxModelCalls < 1 || Limits.MaxTokens < 1 || Limits.WallClock <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Limits), "Every limit must be positive.");
        }

        if (MaxOverrideViolations < 1 || HandoffTtlHours is < 1 or > 8760 || AllowedOverrides.Count is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOverrideViolations), "MaxOverrideViolations ≥ 1, HandoffTtlHours 1–8760, 1–5 allowed overrides.");
        }
    }
}
