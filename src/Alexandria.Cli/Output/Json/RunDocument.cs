using System;
using System.Collections.Generic;

namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria run --output json</c>: what the scenario left in the store, and every compaction attempt.</summary>
/// <param name="Store">Where the run was written.</param>
/// <param name="LastSeq">Events in the log.</param>
/// <param name="SnapshotsRejected">Compactions the invariant gate refused (the exit code is 1 when this is not 0).</param>
internal sealed record RunDocument(
    string RunId, string Scenario, string Store, long LastSeq, int CountedEvents, int SnapshotsWritten, int SnapshotsRejected,
    int Artifacts, int LoopSignals, IReadOnlyList<RunCompaction> Compactions);

/// <summary>One compaction attempt: the step that triggered it, why, and the snapshot written or the gate's violations.</summary>
internal sealed record RunCompaction(
    long Step, string Trigger, bool Written, Guid? SnapshotId, SeqRange? CoveredSeq, SeqRange? CoveredSteps, long? CountedEvents, IReadOnlyList<string> Violations);

/// <summary>An inclusive range, as the contract's <c>covered_seq</c> / <c>covered_steps</c>.</summary>
internal sealed record SeqRange(long First, long Last);
