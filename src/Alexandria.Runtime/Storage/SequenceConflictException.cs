using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// An append expected the run to end at one sequence number but it ends at another: some other
/// writer appended first. Nothing of the rejected batch was written; re-read and retry.
/// </summary>
public sealed class SequenceConflictException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public SequenceConflictException(string runId, long expectedLastSeq, long actualLastSeq, Exception? innerException = null)
        : base(
            $"Run '{runId}' was expected to end at seq {expectedLastSeq} but ends at seq {actualLastSeq}; " +
            "nothing was written. Read the new events and retry the append.",
            innerException)
    {
        RunId = runId;
        ExpectedLastSeq = expectedLastSeq;
        ActualLastSeq = actualLastSeq;
    }

    /// <summary>The run that was appended to.</summary>
    public string RunId { get; }

    /// <summary>The last sequence number the writer assumed.</summary>
    public long ExpectedLastSeq { get; }

    /// <summary>The run's last sequence number when the append was rejected.</summary>
    public long ActualLastSeq { get; }
}
