using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// What opening a run reads, taken at one point in time: the latest snapshot, the last events it covers (the first page
/// of the session's backward look at its history) and every event after it (the tail).
/// </summary>
/// <param name="Latest">The latest snapshot, or null before the first compaction.</param>
/// <param name="History">Up to the asked number of events ending at the snapshot's last covered seq, in seq order
/// (empty without a snapshot).</param>
/// <param name="Tail">Every event after the snapshot's covered range, in seq order, through the run's head.</param>
internal sealed record RunOpening(StoredSnapshot? Latest, IReadOnlyList<StoredEvent> History, IReadOnlyList<StoredEvent> Tail);

/// <summary>
/// A store that reads a <see cref="RunOpening"/> in one request, where reading it piece by piece (the snapshot, then the
/// tail after it, then the history before it) would cost a round trip each: PostgreSQL.
/// </summary>
internal interface IRunOpeningReader
{
    /// <summary>
    /// Reads <paramref name="runId"/>'s opening with the same checks as the separate reads (hash-verified offloaded
    /// payloads, strict UTF-8), and checks that history and tail are gapless and that the tail ends at the run's head.
    /// </summary>
    /// <exception cref="StorageCorruptedException">A seq is missing, or the tail does not reach the head.</exception>
    Task<RunOpening> ReadOpeningAsync(string runId, int historyCount, CancellationToken cancellationToken);
}
