using System;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// A snapshot store that can compare a stored snapshot's JSON with given bytes without handing out a copy of it:
/// replay compares every snapshot of a run and keeps none of them.
/// </summary>
internal interface ISnapshotJsonComparer
{
    /// <summary>
    /// Null when the run has no snapshot <paramref name="snapshotId"/>; else whether its stored JSON equals
    /// <paramref name="expected"/> byte for byte. The stored record is checksum-verified as by every read.
    /// </summary>
    /// <exception cref="StorageException">The stored record is damaged.</exception>
    Task<bool?> JsonEqualsAsync(string runId, Guid snapshotId, ReadOnlyMemory<byte> expected, CancellationToken cancellationToken);
}
