using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// The authoritative, append-only event history of every run.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends <paramref name="events"/> as one atomic batch, numbered gaplessly from
    /// <paramref name="expectedLastSeq"/> + 1. The batch is written only if the run's last sequence
    /// number is still <paramref name="expectedLastSeq"/> (0 for a run with no events); otherwise
    /// nothing is written and <see cref="SequenceConflictException"/> is thrown.
    /// </summary>
    /// <exception cref="SequenceConflictException">Another writer appended first.</exception>
    /// <exception cref="InvalidStoragePathException">The run id is not a safe path segment.</exception>
    Task<AppendedRange> AppendAsync(
        string runId,
        long expectedLastSeq,
        IReadOnlyList<EventToAppend> events,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads at most <paramref name="maxCount"/> events of a run in sequence order, starting at
    /// <paramref name="fromSeq"/> (inclusive). Returns an empty list past the end of the log.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(
        string runId,
        long fromSeq,
        int maxCount,
        CancellationToken cancellationToken = default);

    /// <summary>Returns the run's last sequence number, or 0 when the run has no events.</summary>
    Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default);
}
