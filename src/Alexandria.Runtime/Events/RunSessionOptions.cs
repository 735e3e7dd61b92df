using System;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Runtime.Events;

/// <summary>Settings of a <see cref="RunSession"/>.</summary>
public sealed record RunSessionOptions
{
    /// <summary>When to compact and what snapshots carry.</summary>
    public CompactionPolicy Compaction { get; init; } = CompactionPolicy.Default;

    /// <summary>Loop-detection thresholds.</summary>
    public LoopDetectionThresholds LoopDetection { get; init; } = LoopDetectionThresholds.Default;

    /// <summary>Where <c>occurred_at</c> comes from; the system clock by default, a <see cref="ScriptedClock"/> for reproducible runs.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
