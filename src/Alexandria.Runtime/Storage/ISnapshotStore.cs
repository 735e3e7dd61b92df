using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Append-only snapshot history of every run plus a per-run <c>latest</c> pointer that moves in the
/// same atomic step as the append.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Appends <paramref name="snapshot"/> to its run's history and makes it the latest, atomically,
    /// provided the latest snapshot is still <paramref name="expectedLatest"/> (null when the run has
    /// none yet). Otherwise nothing is written and <see cref="SnapshotConflictException"/> is thrown.
    /// Semantic invariants (parent linkage, contiguous ranges) belong to the typed layer above.
    /// </summary>
    /// <exception cref="SnapshotConflictException">The latest pointer moved, or the id already exists.</exception>
    Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default);

    /// <summary>Returns the run's latest snapshot, or null when it has none.</summary>
    Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Returns one snapshot of a run by id, or null when there is no such snapshot.</summary>
    Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default);

    /// <summary>Returns every snapshot of a run, oldest first; the last one is the latest.</summary>
    Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of every snapshot of a run, oldest first, without reading the documents (a replay's check for snapshots
    /// no compaction recorded). The default reads the history; stores that index their snapshots answer from the index.
    /// </summary>
    async Task<IReadOnlyList<Guid>> GetHistoryIdsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var history = await GetHistoryAsync(runId, cancellationToken).ConfigureAwait(false);
        var ids = new Guid[history.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = history[i].SnapshotId;
        }

        return ids;
    }
}
