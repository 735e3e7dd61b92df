using System.Collections.Generic;

namespace Alexandria.Runtime.Replay;

/// <summary>The outcome of replaying a run's log against its stored snapshots.</summary>
/// <param name="RunId">The run replayed.</param>
/// <param name="EventsRead">Events read from the log.</param>
/// <param name="SnapshotsChecked">Snapshots rebuilt and compared.</param>
/// <param name="Mismatches">Every snapshot that differs, is missing, or is not recorded in the log.</param>
public sealed record ReplayReport(string RunId, long EventsRead, int SnapshotsChecked, IReadOnlyList<SnapshotMismatch> Mismatches)
{
    /// <summary>True when every stored snapshot was reproduced byte for byte.</summary>
    public bool Verified => Mismatches.Count == 0;
}
