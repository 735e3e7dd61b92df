using System;

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
}

/// <summary>The backend of an <see cref="IRuntimeStore"/>.</summary>
public enum RuntimeStoreBackend
{
    /// <summary>Embedded: segment files under the root directory, no server.</summary>
    FileSystem,

    /// <summary>PostgreSQL for events, snapshots and the artifact index; filesystem objects.</summary>
    Postgres,
}
