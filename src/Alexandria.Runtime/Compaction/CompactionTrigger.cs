using System;
using System.Collections.Generic;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// Decides whether the events since the last snapshot call for a compaction: counted events
/// ≥ <see cref="CompactionPolicy.EventThreshold"/>, or steps ≥ <see cref="CompactionPolicy.StepFallback"/>,
/// whichever comes first. "Steps" are the distinct <c>step_id</c>s since the last snapshot, so the
/// fallback fires when steps go by without their counted plan/act/observe events.
/// </summary>
/// <remarks>
/// The runtime asks at every step boundary, so a window always ends on a whole step: with complete
/// steps (3 counted events each) the threshold is met after exactly 18 counted events.
/// </remarks>
public sealed class CompactionTrigger
{
    private readonly CompactionPolicy _policy;
    private readonly HashSet<long> _steps = new();

    /// <summary>Creates a trigger for <paramref name="policy"/> with an empty window.</summary>
    public CompactionTrigger(CompactionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.EventThreshold < 1 || policy.StepFallback < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), "EventThreshold and StepFallback must be at least 1.");
        }

        _policy = policy;
    }

    /// <summary>Counted events since the last snapshot.</summary>
    public int CountedEventsSinceSnapshot { get; private set; }

    /// <summary>Distinct steps since the last snapshot.</summary>
    public int StepsSinceSnapshot => _steps.Count;

    /// <summary>Records an appended event of <paramref name="stepId"/>; <paramref name="counted"/> comes from the contract's taxonomy.</summary>
    public void Observe(long stepId, bool counted)
    {
        _steps.Add(stepId);
        if (counted)
        {
            CountedEventsSinceSnapshot++;
        }
    }

    /// <summary>Why a compaction is due now, or null when it is not.</summary>
    public ContractTrigger? Due()
        => Evaluate(_policy, CountedEventsSinceSnapshot, StepsSinceSnapshot);

    /// <summary>Starts a new window: a snapshot was written.</summary>
    public void Reset()
    {
        CountedEventsSinceSnapshot = 0;
        _steps.Clear();
    }

    /// <summary>The rule itself, for callers that keep their own tallies.</summary>
    public static ContractTrigger? Evaluate(CompactionPolicy policy, int countedEventsSinceSnapshot, int stepsSinceSnapshot)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (countedEventsSinceSnapshot >= policy.EventThreshold)
        {
            return ContractTrigger.EventThreshold;
        }

        if (stepsSinceSnapshot >= policy.StepFallback)
        {
            return ContractTrigger.StepFallback;
        }

        return null;
    }
}
