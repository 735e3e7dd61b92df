using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Everything the runtime persists, behind one handle: the event log, snapshots, the artifact index
/// and the object store. Open one with <see cref="RuntimeStore.OpenAsync"/>.
/// </summary>
public interface IRuntimeStore : IAsyncDisposable
{
    /// <summary>Which backend holds events, snapshots and the artifact index.</summary>
    RuntimeStoreBackend Backend { get; }

    /// <summary>The authoritative event history.</summary>
    IEventLog Events { get; }

    /// <summary>Append-only snapshots with a per-run latest pointer.</summary>
    ISnapshotStore Snapshots { get; }

    /// <summary>The artifact metadata index.</summary>
    IArtifactIndex Artifacts { get; }

    /// <summary>Run-addressed blob storage (artifact content and payloads over the inline limit).</summary>
    IObjectStore Objects { get; }

    /// <summary>
    /// Commits a compaction: appends <paramref name="snapshot"/> and moves its run's <c>latest</c> to it
    /// (as <see cref="ISnapshotStore.AppendAsync"/>), and appends <paramref name="events"/> — the events
    /// that record the compaction — after <paramref name="expectedLastSeq"/> (as
    /// <see cref="IEventLog.AppendAsync"/>). An event that names the snapshot is never durable without it.
    /// </summary>
    /// <remarks>
    /// This default runs the two appends one after the other, snapshot first. The built-in backends
    /// check both preconditions before writing anything, so a conflict writes nothing: PostgreSQL
    /// commits everything in one transaction; the embedded store holds the run's event-log lock
    /// while it checks the head, writes the snapshot record and then the event batch (one durable
    /// write each), so a crash between the two can leave only a snapshot whose events are missing.
    /// </remarks>
    /// <exception cref="SnapshotConflictException">The latest snapshot moved, or the id already exists.</exception>
    /// <exception cref="SequenceConflictException">Another writer appended events first.</exception>
    async Task<AppendedRange> CommitCompactionAsync(
        StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await Snapshots.AppendAsync(snapshot, expectedLatest, cancellationToken).ConfigureAwait(false);
        return await Events.AppendAsync(snapshot.RunId, expectedLastSeq, events, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The backend of an <see cref="IRuntimeStore"/>.</summary>
public enum RuntimeStoreBackend
{
    /// <summary>Embedded: segment files under the root directory, no server.</summary>
    FileSystem,

    /// <summary>PostgreSQL for events, snapshots and the artifact index; filesystem objects.</summary>
    Postgres,
}
