using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// A snapshot append expected one latest snapshot but found another (or found its own id already
/// stored). Nothing was written; re-read the latest snapshot and retry.
/// </summary>
public sealed class SnapshotConflictException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public SnapshotConflictException(string runId, Guid? expectedLatest, Guid? actualLatest, string? detail = null, Exception? innerException = null)
        : base(
            detail ??
            $"Run '{runId}' was expected to have latest snapshot {Describe(expectedLatest)} but has {Describe(actualLatest)}; " +
            "nothing was written. Re-read the latest snapshot and retry.",
            innerException)
    {
        RunId = runId;
        ExpectedLatest = expectedLatest;
        ActualLatest = actualLatest;
    }

    /// <summary>The run that was appended to.</summary>
    public string RunId { get; }

    /// <summary>The latest snapshot the writer assumed (null: none).</summary>
    public Guid? ExpectedLatest { get; }

    /// <summary>The run's latest snapshot when the append was rejected (null: none).</summary>
    public Guid? ActualLatest { get; }

    private static string Describe(Guid? id) => id is { } value ? value.ToString() : "(none)";
}
