using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Embedded backend for one machine with no server. Layout under the root directory:
/// <code>
/// runs/&lt;run_id&gt;/events/events-000001.seg      one checksummed record per appended batch
/// runs/&lt;run_id&gt;/snapshots/snapshots-000001.seg snapshot history; the last committed record is the latest
/// runs/&lt;run_id&gt;/artifacts/artifacts-000001.seg artifact index rows
/// runs/&lt;run_id&gt;/objects/&lt;aa&gt;/&lt;sha256&gt;       object store
/// </code>
/// Each stream has a <c>lock</c> file held (exclusively, per commit) by its writer.
/// </summary>
public sealed class FileSystemRuntimeStore : IRuntimeStore
{
    private readonly FileSystemEventLog _events;
    private readonly FileSystemSnapshotStore _snapshots;
    private readonly FileSystemArtifactIndex _artifacts;

    private FileSystemRuntimeStore(RuntimeStoreOptions options)
    {
        string root = Path.GetFullPath(options.RootDirectory);
        RootDirectory = root;
        _events = new FileSystemEventLog(root, options.SegmentMaxBytes, Reads);
        _snapshots = new FileSystemSnapshotStore(root, options.SegmentMaxBytes, Reads);
        _artifacts = new FileSystemArtifactIndex(root, options.SegmentMaxBytes, options.InlinePayloadLimitBytes);
        _events.FindUnappliedCommit = _snapshots.FindUnappliedEventBatchAsync;
        Objects = new FileSystemObjectStore(root);
    }

    /// <summary>Bytes read from event and snapshot segments and their indexes since the store was opened.</summary>
    internal ReadMeter Reads { get; } = new();

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc />
    public RuntimeStoreBackend Backend => RuntimeStoreBackend.FileSystem;

    /// <inheritdoc />
    public IEventLog Events => _events;

    /// <inheritdoc />
    public ISnapshotStore Snapshots => _snapshots;

    /// <inheritdoc />
    public IArtifactIndex Artifacts => _artifacts;

    /// <inheritdoc />
    public IObjectStore Objects { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Under the run's event-log lock: check the event head, write the snapshot record carrying the encoded
    /// event batch (the commit point of the whole compaction, one fsync), then the event batch (one fsync).
    /// A conflict on either writes nothing. A crash between the two is completed by the next access to the
    /// run, which appends the batch from the snapshot record: snapshot and events are one atomic unit.
    /// </remarks>
    public Task<AppendedRange> CommitCompactionAsync(
        StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _events.AppendAsync(
            snapshot.RunId,
            expectedLastSeq,
            events,
            beforeWrite: async (batch, token) =>
            {
                await _snapshots.AppendAsync(snapshot, expectedLatest, batch, token).ConfigureAwait(false);
                TestKillPoint.Reach(TestKillPoint.CompactionSnapshotCommitted);
            },
            cancellationToken);
    }

    /// <summary>Opens (creating if needed) an embedded store. Torn tails are repaired lazily, by the first writer of each stream.</summary>
    public static FileSystemRuntimeStore Open(RuntimeStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.RootDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SegmentMaxBytes);
        DurableFile.CreateDirectoryDurably(options.RootDirectory);
        return new FileSystemRuntimeStore(options);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _events.Dispose();
        _snapshots.Dispose();
        _artifacts.Dispose();
        ((FileSystemObjectStore)Objects).CloseHandles();
        return ValueTask.CompletedTask;
    }
}
