namespace Alexandria.Runtime.Guardrails;

/// <summary>
/// When a loop heuristic fires (DOMAIN §4). The defaults are the reference thresholds observed in
/// public agents; every one is configurable.
/// </summary>
public sealed record LoopDetectionThresholds
{
    /// <summary>Identical consecutive tool calls (same name + canonical arguments). Default 5.</summary>
    public int IdenticalConsecutiveCalls { get; init; } = 5;

    /// <summary>Identical consecutive action/observation pairs. Default 4.</summary>
    public int IdenticalActionObservationPairs { get; init; } = 4;

    /// <summary>Identical consecutive actions that each failed. Default 3.</summary>
    public int RepeatedFailingActions { get; init; } = 3;

    /// <summary>Length in steps of an A/B alternation between two calls. Default 6.</summary>
    public int AbAlternationSteps { get; init; } = 6;

    /// <summary>How many recent call hashes the detector (and a snapshot) keeps. At most 64 by contract.</summary>
    public int RecentCallHashes { get; init; } = 64;

    /// <summary>The reference thresholds.</summary>
    public static LoopDetectionThresholds Default { get; } = new();
}
