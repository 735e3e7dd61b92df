using System;

namespace Alexandria.Agents.Tools;

/// <summary>The guardrails' numbers (DOMAIN §4), all configurable.</summary>
public sealed record ToolLimits
{
    /// <summary>Most items one call returns; the rest is behind <c>next_cursor</c>. Default 5.</summary>
    public int ItemCap { get; init; } = 5;

    /// <summary>Most bytes of item JSON one call returns; items past it move to the next page. Default 4 KiB.</summary>
    public int ByteCap { get; init; } = 4096;

    /// <summary>How long a call may run before it becomes an error observation. Default 30 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The reference limits.</summary>
    public static ToolLimits Default { get; } = new();
}
