using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Embedded snapshot store: per run, an append-only segment of snapshot records in
/// <c>runs/&lt;run_id&gt;/snapshots/</c> plus the <c>latest</c> pointer file.
/// </summary>
/// <remarks>
/// An append writes and fsyncs the record, then atomically replaces <c>latest</c>: the pointer file
/// is the commit point. A crash between the two leaves a record newer than <c>latest</c>; readers
/// ignore it and the next writer (holding the lock) cuts it away, so the append had no effect, just
/// as a rolled-back transaction. Records at or below <c>latest</c> are never touched again.
/// </remarks>
internal sealed class FileSystemSnapshotStore : ISnapshotStore, IDisposable
{
    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly ConcurrentDictionary<string, RunSnapshots> _runs = new(StringComparer.Ordinal);

    public FileSystemSnapshotStore(string root, long segmentMaxBytes)
    {
        _root = root;
        _segmentMaxBytes = segmentMaxBytes;
    }

    public async Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default)
    {
        StorageGuards.Snapshot(snapshot);
        RunSnapshots run = GetRun(snapshot.RunId);
        using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LatestPointer? latest = LatestPointer.Read(run.LatestPath);
            if (latest?.SnapshotId != expectedLatest)
            {
                throw new SnapshotConflictException(snapshot.RunId, expectedLatest, latest?.SnapshotId);
            }

            run.Refresh(repair: true, committedVersion: long.MaxValue);
            run.DiscardUncommitted(latest);
            if (run.Contains(snapshot.SnapshotId))
            {
                throw new SnapshotConflictException(
                    snapshot.RunId,
                    expectedLatest,
                    latest?.SnapshotId,
                    $"Snapshot {snapshot.SnapshotId} already exists; snapshots are immutable, append a new id. Nothing was written.");
            }

            var next = new LatestPointer(snapshot.SnapshotId, (latest?.Version ?? 0) + 1);
            RecordLocation location = run.Log.Append(SnapshotRecord.Encode(next.Version, snapshot));
            await next.WriteAsync(run.LatestPath, cancellationToken).ConfigureAwait(false);
            run.Add(location, next.Version, next.SnapshotId);
        }
        catch (Exception ex) when (ex is not SnapshotConflictException)
        {
            run.Reset();
            throw;
        }
    }

    public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        LatestPointer? latest = run.RefreshCommitted();
        return latest is { } pointer ? run.Load(runId, pointer.SnapshotId) : null;
    }

    public async Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        LatestPointer? latest = run.RefreshCommitted();
        return latest is not null && run.IsCommitted(snapshotId, latest.Value) ? run.Load(runId, snapshotId) : null;
    }

    public async Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        LatestPointer? latest = run.RefreshCommitted();
        var history = new List<StoredSnapshot>();
        if (latest is { } pointer)
        {
            foreach (Entry entry in run.Entries)
            {
                if (entry.Version <= pointer.Version)
                {
                    history.Add(SnapshotRecord.Decode(runId, run.Log.Read(entry.Location)));
                }
            }
        }

        return history;
    }

    public void Dispose()
    {
        foreach (RunSnapshots run in _runs.Values)
        {
            run.Dispose();
        }

        _runs.Clear();
    }

    private RunSnapshots GetRun(string runId) =>
        _runs.GetOrAdd(runId, id => new RunSnapshots(Path.Combine(_root, "runs", id, "snapshots"), _segmentMaxBytes));

    private readonly record struct Entry(long Version, Guid SnapshotId, RecordLocation Location);

    /// <summary>What is known about one run's snapshot files; guarded by <see cref="Lock"/>.</summary>
    private sealed class RunSnapshots : IDisposable
    {
        private readonly Dictionary<Guid, int> _byId = new();

        public RunSnapshots(string directory, long segmentMaxBytes)
        {
            Log = new SegmentLog(directory, "snapshots", segmentMaxBytes);
            Lock = new StreamLock(Path.Combine(directory, "lock"));
            LatestPath = Path.Combine(directory, "latest");
        }

        public SegmentLog Log { get; }

        public StreamLock Lock { get; }

        public string LatestPath { get; }

        public List<Entry> Entries { get; } = new();

        /// <summary>
        /// Reads the pointer first, then the records: a record is durable before the pointer names it,
        /// so the named record is always found. Records newer than the pointer are left unread.
        /// </summary>
        public LatestPointer? RefreshCommitted()
        {
            LatestPointer? latest = LatestPointer.Read(LatestPath);
            if (latest is not { } pointer)
            {
                return null;
            }

            Refresh(repair: false, pointer.Version);
            if (!_byId.TryGetValue(pointer.SnapshotId, out int index) || Entries[index].Version != pointer.Version)
            {
                throw new StorageCorruptedException(
                    $"Snapshot pointer '{LatestPath}' names snapshot {pointer.SnapshotId} (version {pointer.Version}), which is not in the snapshot segments.");
            }

            return latest;
        }

        public void Refresh(bool repair, long committedVersion) => Log.Refresh(repair, (location, payload) =>
        {
            (long version, Guid id) = SnapshotRecord.ReadKey(payload);
            if (version > committedVersion)
            {
                return false;
            }

            long expected = Entries.Count == 0 ? 1 : Entries[^1].Version + 1;
            if (version != expected)
            {
                throw new StorageCorruptedException($"Snapshot segment '{Log.Directory}' has version {version} where {expected} was expected.");
            }

            Add(location, version, id);
            return true;
        });

        /// <summary>Cuts records newer than the pointer (an append that crashed before its commit point).</summary>
        public void DiscardUncommitted(LatestPointer? latest)
        {
            long committed = latest?.Version ?? 0;
            if (Entries.Count == 0 || Entries[^1].Version <= committed)
            {
                return;
            }

            int keep = (int)committed;
            Log.TruncateAfter(keep == 0 ? null : Entries[keep - 1].Location);
            for (int i = keep; i < Entries.Count; i++)
            {
                _byId.Remove(Entries[i].SnapshotId);
            }

            Entries.RemoveRange(keep, Entries.Count - keep);
        }

        public bool Contains(Guid snapshotId) => _byId.ContainsKey(snapshotId);

        public bool IsCommitted(Guid snapshotId, LatestPointer latest) =>
            _byId.TryGetValue(snapshotId, out int index) && Entries[index].Version <= latest.Version;

        public StoredSnapshot? Load(string runId, Guid snapshotId) =>
            _byId.TryGetValue(snapshotId, out int index) ? SnapshotRecord.Decode(runId, Log.Read(Entries[index].Location)) : null;

        public void Add(RecordLocation location, long version, Guid snapshotId)
        {
            _byId[snapshotId] = Entries.Count;
            Entries.Add(new Entry(version, snapshotId, location));
        }

        public void Reset()
        {
            Log.Reset();
            Entries.Clear();
            _byId.Clear();
        }

        public void Dispose()
        {
            Log.Dispose();
            Lock.Dispose();
        }
    }
}
