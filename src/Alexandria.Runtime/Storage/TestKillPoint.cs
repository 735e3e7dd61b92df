using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// A test hook, off in production: named points in the stores' write paths where a crash test can have the process
/// SIGKILL itself, so that every phase of an append, a compaction and an artifact store is killed exactly there rather
/// than wherever a random kill happens to land. <c>ALEXANDRIA_TEST_KILL_AT=&lt;phase&gt;[:&lt;nth&gt;]</c> arms one phase
/// (its nth time reached, the first by default); without the variable every point is one check of a static readonly
/// field the JIT folds away. Tests: <c>KillPointTests</c> (tests/Alexandria.Runtime.Tests/Storage); phases in
/// docs/reliability.md.
/// </summary>
internal static class TestKillPoint
{
    public const string Variable = "ALEXANDRIA_TEST_KILL_AT";

    /// <summary>Half of a segment record written (a torn write), nothing flushed: <c>fs.events.torn</c>, <c>fs.snapshots.torn</c>, <c>fs.artifacts.torn</c>.</summary>
    public const string FileSystemTorn = "torn";

    /// <summary>A whole segment record written, not yet fsynced.</summary>
    public const string FileSystemWritten = "written";

    /// <summary>A segment record fsynced, the append not yet returned (not acknowledged).</summary>
    public const string FileSystemSynced = "synced";

    /// <summary>A compaction's snapshot record (its commit point) fsynced, its event batch not yet in the event log.</summary>
    public const string CompactionSnapshotCommitted = "fs.compaction.snapshot-committed";

    /// <summary>An atomic file write (artifact content, offloaded payloads): temp file fsynced, not yet renamed.</summary>
    public const string AtomicWriteTempSynced = "fs.atomic-write.temp-synced";

    /// <summary>An atomic file write renamed into place, its directory not yet fsynced.</summary>
    public const string AtomicWriteRenamed = "fs.atomic-write.renamed";

    /// <summary>An artifact's content stored, its metadata not yet registered (both backends).</summary>
    public const string ArtifactContentStored = "artifact.content-stored";

    /// <summary>PostgreSQL: an event append's rows sent, not committed (the single-statement path: not yet sent).</summary>
    public const string PostgresEventsBeforeCommit = "pg.events.before-commit";

    /// <summary>PostgreSQL: an event append committed, not yet returned.</summary>
    public const string PostgresEventsAfterCommit = "pg.events.after-commit";

    /// <summary>PostgreSQL: a snapshot's rows and the <c>latest</c> move sent, not committed.</summary>
    public const string PostgresSnapshotBeforeCommit = "pg.snapshots.before-commit";

    /// <summary>PostgreSQL: a snapshot committed, not yet returned.</summary>
    public const string PostgresSnapshotAfterCommit = "pg.snapshots.after-commit";

    /// <summary>PostgreSQL: a compaction's snapshot, events and <c>latest</c> move sent in one transaction, not committed.</summary>
    public const string PostgresCompactionBeforeCommit = "pg.compaction.before-commit";

    /// <summary>PostgreSQL: a compaction committed, not yet returned.</summary>
    public const string PostgresCompactionAfterCommit = "pg.compaction.after-commit";

    /// <summary>PostgreSQL: an artifact row committed, not yet returned.</summary>
    public const string PostgresArtifactAfterCommit = "pg.artifacts.after-commit";

    private static readonly (string Phase, int Nth)? Target = Parse(Environment.GetEnvironmentVariable(Variable));

    private static int _reached;

    /// <summary>Every phase of the embedded store's writes.</summary>
    public static IReadOnlyList<string> FileSystemPhases { get; } =
    [
        .. SegmentPhases("events"), .. SegmentPhases("snapshots"), .. SegmentPhases("artifacts"),
        CompactionSnapshotCommitted, AtomicWriteTempSynced, AtomicWriteRenamed, ArtifactContentStored,
    ];

    /// <summary>Every phase of the PostgreSQL store's writes (artifact content lives in files there too).</summary>
    public static IReadOnlyList<string> PostgresPhases { get; } =
    [
        PostgresEventsBeforeCommit, PostgresEventsAfterCommit, PostgresSnapshotBeforeCommit, PostgresSnapshotAfterCommit,
        PostgresCompactionBeforeCommit, PostgresCompactionAfterCommit, PostgresArtifactAfterCommit,
        AtomicWriteTempSynced, AtomicWriteRenamed, ArtifactContentStored,
    ];

    /// <summary>True when a test armed a kill point in this process.</summary>
    public static bool Armed => Target is not null;

    /// <summary>SIGKILLs this process if <paramref name="phase"/> is the armed one, reached for the nth time.</summary>
    public static void Reach(string phase)
    {
        if (Target is null)
        {
            return;
        }

        ReachArmed(phase);
    }

    /// <summary>True when the next <see cref="Reach"/> of <paramref name="phase"/> kills (to tear a write first).</summary>
    public static bool IsArmedNext(string phase)
        => Target is { } target && string.Equals(phase, target.Phase, StringComparison.Ordinal) && Volatile.Read(ref _reached) + 1 == target.Nth;

    /// <summary>The phase name of a segment log's write points (<c>fs.events.written</c>, …).</summary>
    public static string Segment(string log, string phase) => "fs." + log + "." + phase;

    private static IEnumerable<string> SegmentPhases(string log) =>
        [Segment(log, FileSystemTorn), Segment(log, FileSystemWritten), Segment(log, FileSystemSynced)];

    private static void ReachArmed(string phase)
    {
        if (!string.Equals(phase, Target!.Value.Phase, StringComparison.Ordinal) || Interlocked.Increment(ref _reached) != Target.Value.Nth)
        {
            return;
        }

        Console.Error.WriteLine($"kill point {phase}:{Target.Value.Nth} reached: SIGKILL");
        Console.Error.Flush();
        using Process self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static (string Phase, int Nth)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        int colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int nth) && nth > 0
            ? (value[..colon], nth)
            : (value, 1);
    }
}
