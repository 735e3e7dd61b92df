using System.Collections.Generic;

namespace Alexandria.Handoff.Sessions;

/// <summary>What the session document takes from a run's latest compaction snapshot (the CLI maps the runtime's type to it).</summary>
public sealed record SnapshotView(
    string RunId,
    string SnapshotId,
    string Objective,
    IReadOnlyList<string> Decisions,
    IReadOnlyList<string> OpenQuestions,
    IReadOnlyList<string> PendingSteps);
