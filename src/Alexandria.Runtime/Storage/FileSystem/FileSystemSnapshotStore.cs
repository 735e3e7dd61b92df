using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Embedded snapshot store: per run, an append-only segment of snapshot records in
/// <c>runs/&lt;run_id&gt;/snapshots/</c>. The run's latest snapshot is its last committed record.
/// </summary>
/// <remarks>
/// An append is one checksummed record written and fsynced in one go (see <see cref="SnapshotRecord"/>):
/// that single durable write inserts the snapshot and moves <c>latest</c>, so the two cannot part.
/// A crash mid-write leaves a torn tail that readers never see and the next writer cuts away, as a
/// rolled-back transaction. Stores written by earlier versions may also hold format-1 records and a
/// <c>latest</c> pointer file, which committed them; a format-1 record newer than that pointer is an
/// append that crashed before its commit point and is treated the same way.
/// </remarks>
internal sealed class FileSystemSnapshotStore : ISnapshotStore, ISnapshotJsonComparer, IDisposable
{
    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly ConcurrentDictionary<string, RunSnapshots> _runs = new(StringComparer.Ordinal);

    public FileSystemSnapshotStore(string root, long segmentMaxBytes)
    {
        _root = root;
        _segmentMaxBytes = segmentMaxBytes;
    }

    public Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default) =>
        AppendAsync(snapshot, expectedLatest, eventBatch: null, cancellationToken);

    /// <summary>
    /// Appends <paramref name="snapshot"/>; with <paramref name="eventBatch"/> (a compaction commit) the record also
    /// carries the encoded event batch that records it, so the commit can be completed after a crash.
    /// </summary>
    public async Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, byte[]? eventBatch, CancellationToken cancellationToken)
    {
        StorageGuards.Snapshot(snapshot);
        RunSnapshots run = GetRun(snapshot.RunId);
        using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            run.Refresh(repair: true);
            run.DiscardUncommitted();
            Guid? actualLatest = run.Latest?.SnapshotId;
            if (actualLatest != expectedLatest)
            {
                throw new SnapshotConflictException(snapshot.RunId, expectedLatest, actualLatest);
            }

            if (run.Contains(snapshot.SnapshotId))
            {
                throw new SnapshotConflictException(
                    snapshot.RunId,
                    expectedLatest,
                    actualLatest,
                    $"Snapshot {snapshot.SnapshotId} already exists; snapshots are immutable, append a new id. Nothing was written.");
            }

            long version = run.Entries.Count + 1;
            RecordLocation location = run.Log.Append(SnapshotRecord.Encode(version, snapshot, eventBatch));
            run.Add(location, version, snapshot.SnapshotId, eventBatch is null ? 0 : EventBatchRecord.ReadHeader(eventBatch).FirstSeq);
        }
        catch (Exception ex) when (ex is not SnapshotConflictException)
        {
            run.Reset();
            throw;
        }
    }

    /// <summary>
    /// The event batch the latest snapshot was committed with when it is not in the event log yet (the writer died
    /// between the snapshot record, the commit point, and the batch), or null. Called under the run's event-log lock.
    /// </summary>
    public async Task<byte[]?> FindUnappliedEventBatchAsync(string runId, long lastSeq, CancellationToken cancellationToken)
    {
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        if (run.Latest is not { CommittedEventsFirstSeq: > 0 } latest || latest.CommittedEventsFirstSeq <= lastSeq)
        {
            return null;
        }

        if (latest.CommittedEventsFirstSeq != lastSeq + 1)
        {
            throw new StorageCorruptedException(
                $"Snapshot {latest.SnapshotId} of run '{runId}' was committed with events from seq {latest.CommittedEventsFirstSeq}, " +
                $"but the event log ends at seq {lastSeq}: events in between are missing.");
        }

        return SnapshotRecord.EventBatch(run.Log.Read(latest.Location).Span).ToArray();
    }

    public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        return run.Latest is { } latest ? run.Load(runId, latest) : null;
    }

    public async Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        return run.TryGet(snapshotId, out Entry entry) ? run.Load(runId, entry) : null;
    }

    public async Task<bool?> JsonEqualsAsync(string runId, Guid snapshotId, ReadOnlyMemory<byte> expected, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        if (!run.TryGet(snapshotId, out Entry entry))
        {
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(SegmentLog.HeaderSize + entry.Location.Length);
        try
        {
            ReadOnlySpan<byte> record = run.Log.Read(entry.Location, buffer);
            return record[SnapshotRecord.JsonOffset(record)..].SequenceEqual(expected.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<IReadOnlyList<Guid>> GetHistoryIdsAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        var ids = new Guid[run.Entries.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = run.Entries[i].SnapshotId;
        }

        return ids;
    }

    public async Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        var history = new List<StoredSnapshot>(run.Entries.Count);
        foreach (Entry entry in run.Entries)
        {
            history.Add(run.Load(runId, entry));
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

    // CommittedEventsFirstSeq: first seq of the event batch committed with the snapshot (a compaction), else 0.
    private readonly record struct Entry(long Version, Guid SnapshotId, RecordLocation Location, long CommittedEventsFirstSeq);

    /// <summary>
    /// What is known about one run's snapshot files; guarded by <see cref="Lock"/>. Only committed
    /// records are ever taken into <see cref="Entries"/>.
    /// </summary>
    private sealed class RunSnapshots : IDisposable
    {
        private readonly Dictionary<Guid, int> _byId = new();
        private readonly string _legacyPointerPath;
        private LatestPointer? _legacyPointer;
        private bool _sawSelfCommitting;
        private bool _uncommittedTail;

        public RunSnapshots(string directory, long segmentMaxBytes)
        {
            Log = new SegmentLog(directory, "snapshots", segmentMaxBytes);
            Lock = new StreamLock(Path.Combine(directory, "lock"));
            _legacyPointerPath = Path.Combine(directory, "latest");
        }

        public SegmentLog Log { get; }

        public StreamLock Lock { get; }

        public List<Entry> Entries { get; } = new();

        public Entry? Latest => Entries.Count == 0 ? null : Entries[^1];

        /// <summary>
        /// Takes in the committed records appended since the last refresh and stops at the first
        /// uncommitted one (a legacy record past the legacy pointer), leaving it unread.
        /// </summary>
        public void Refresh(bool repair)
        {
            // Once a self-committing record exists, every legacy record before it was committed
            // (the writer that appended it cut the rest), so the pointer file no longer matters.
            if (!_sawSelfCommitting)
            {
                _legacyPointer = LatestPointer.Read(_legacyPointerPath);
            }

            long legacyCommitted = _legacyPointer?.Version ?? 0;
            _uncommittedTail = false;
            Log.Refresh(repair, (location, payload) =>
            {
                (long version, Guid id, bool selfCommitting) = SnapshotRecord.ReadKey(payload);
                if (!selfCommitting && version > legacyCommitted)
                {
                    _uncommittedTail = true;
                    return false;
                }

                long expected = Entries.Count + 1;
                if (version != expected)
                {
                    throw new StorageCorruptedException($"Snapshot segment '{Log.Directory}' has version {version} where {expected} was expected.");
                }

                _sawSelfCommitting |= selfCommitting;
                ReadOnlySpan<byte> batch = SnapshotRecord.EventBatch(payload);
                Add(location, version, id, batch.IsEmpty ? 0 : EventBatchRecord.ReadHeader(batch).FirstSeq);
                return true;
            });

            if (_legacyPointer is { } pointer
                && (Entries.Count < pointer.Version || Entries[(int)pointer.Version - 1].SnapshotId != pointer.SnapshotId))
            {
                throw new StorageCorruptedException(
                    $"Snapshot pointer '{_legacyPointerPath}' names snapshot {pointer.SnapshotId} (version {pointer.Version}), which is not in the snapshot segments.");
            }
        }

        /// <summary>Cuts what follows the last committed record (an append that crashed before its commit point). Writers only.</summary>
        public void DiscardUncommitted()
        {
            if (_uncommittedTail)
            {
                Log.TruncateAfter(Latest?.Location);
                _uncommittedTail = false;
            }
        }

        public bool Contains(Guid snapshotId) => _byId.ContainsKey(snapshotId);

        public bool TryGet(Guid snapshotId, out Entry entry)
        {
            bool found = _byId.TryGetValue(snapshotId, out int index);
            entry = found ? Entries[index] : default;
            return found;
        }

        public StoredSnapshot Load(string runId, Entry entry) => SnapshotRecord.Decode(runId, Log.Read(entry.Location));

        public void Add(RecordLocation location, long version, Guid snapshotId, long committedEventsFirstSeq)
        {
            _byId[snapshotId] = Entries.Count;
            Entries.Add(new Entry(version, snapshotId, location, committedEventsFirstSeq));
        }

        public void Reset()
        {
            Log.Reset();
            Entries.Clear();
            _byId.Clear();
            _legacyPointer = null;
            _sawSelfCommitting = false;
            _uncommittedTail = false;
        }

        public void Dispose()
        {
            Log.Dispose();
            Lock.Dispose();
        }
    }
}
