using Alexandria.Runtime.Compaction;

namespace Alexandria.Runtime.Scenarios;

/// <summary>Where a scenario run stands after a step, for live summaries.</summary>
/// <param name="StepIndex">Zero-based index of the step just finished.</param>
/// <param name="StepCount">Steps in the scenario.</param>
/// <param name="StepId">Id of the step just finished.</param>
/// <param name="Description">What the step did.</param>
/// <param name="LastSeq">Last seq of the log.</param>
/// <param name="CountedEventsSinceSnapshot">Counted events since the latest snapshot.</param>
/// <param name="StepsSinceSnapshot">Steps since the latest snapshot.</param>
/// <param name="Compaction">The compaction this step triggered, if any.</param>
public sealed record ScenarioProgress(
    int StepIndex,
    int StepCount,
    long StepId,
    string Description,
    long LastSeq,
    int CountedEventsSinceSnapshot,
    int StepsSinceSnapshot,
    CompactionOutcome? Compaction);
