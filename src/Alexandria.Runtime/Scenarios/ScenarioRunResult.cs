using System.Collections.Generic;
using Alexandria.Runtime.Compaction;

namespace Alexandria.Runtime.Scenarios;

/// <summary>What a scenario run left in the store.</summary>
/// <param name="RunId">The run written.</param>
/// <param name="LastSeq">Events in the log.</param>
/// <param name="CountedEvents">Counted events among them.</param>
/// <param name="Compactions">Every compaction attempt, in order.</param>
/// <param name="ArtifactsRecorded">Tool results and evidence chunks recorded (repeats included).</param>
/// <param name="LoopSignals">Loop-detection guardrails that fired.</param>
public sealed record ScenarioRunResult(
    string RunId,
    long LastSeq,
    int CountedEvents,
    IReadOnlyList<CompactionOutcome> Compactions,
    int ArtifactsRecorded,
    int LoopSignals);
