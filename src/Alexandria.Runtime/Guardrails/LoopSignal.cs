namespace Alexandria.Runtime.Guardrails;

/// <summary>Which loop heuristic fired; the names are the contract's <c>loop_detection_signal</c> values.</summary>
public enum LoopSignalKind
{
    /// <summary><c>identical_consecutive_calls</c>.</summary>
    IdenticalConsecutiveCalls,

    /// <summary><c>identical_action_observation_pairs</c>.</summary>
    IdenticalActionObservationPairs,

    /// <summary><c>repeated_failing_action</c>.</summary>
    RepeatedFailingAction,

    /// <summary><c>ab_alternation</c>.</summary>
    AbAlternation,
}

/// <summary>A loop heuristic reached its threshold on the call with <paramref name="CallHash"/>.</summary>
public sealed record LoopSignal(LoopSignalKind Kind, int Count, int Threshold, string CallHash);
