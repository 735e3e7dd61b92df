using System;
using System.Buffers;
using System.Buffers.Binary;
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
    private readonly ReadMeter? _meter;
    private readonly ConcurrentDictionary<string, RunSnapshots> _runs = new(StringComparer.Ordinal);

    public FileSystemSnapshotStore(string root, long segmentMaxBytes, ReadMeter? meter = null)
    {
        _root = root;
        _meter = meter;
        _segmentMaxBytes = segmentMaxBytes;
    }

    public Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default) =>
        AppendAsync(snapshot, expectedLatest, eventBatch: null, cancellationToken);

    /// <summary>
    /// Appends <paramref name="snapshot"/>; with <paramref name="eventBatch"/> (a compaction commit) the record also
    /// carries the encoded event batch that records it, so the commit can be completed after a crash.
    /// </summary>
    public async Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, ReadOnlyMemory<byte>? eventBatch, CancellationToken cancellationToken)
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

            long version = run.Count + 1;
            int length = SnapshotRecord.EncodePooled(version, snapshot, eventBatch, SegmentLog.HeaderSize, out byte[] framed);
            RecordLocation location;
            try
            {
                location = run.Log.AppendFramed(framed, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(framed);
            }

            run.Add(location, version, snapshot.SnapshotId, eventBatch is { } batch ? EventBatchRecord.ReadHeader(batch.Span).FirstSeq : 0, indexed: true);
        }
        catch (StorageCorruptedException ex)
        {
            run.Reset();
            run.Damage ??= ex;
            throw;
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
        IReadOnlyList<Entry> entries = run.All();
        var ids = new Guid[entries.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = entries[i].SnapshotId;
        }

        return ids;
    }

    public async Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunSnapshots run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        IReadOnlyList<Entry> entries = run.All();
        var history = new List<StoredSnapshot>(entries.Count);
        foreach (Entry entry in entries)
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
        // A static factory: no delegate allocated per look-up (this runs on every append and read).
        _runs.GetOrAdd(runId, static (id, store) => new RunSnapshots(Path.Combine(store._root, "runs", id, "snapshots"), store._segmentMaxBytes, store._meter), this);

    // CommittedEventsFirstSeq: first seq of the event batch committed with the snapshot (a compaction), else 0.
    private readonly record struct Entry(long Version, Guid SnapshotId, RecordLocation Location, long CommittedEventsFirstSeq);

    /// <summary>
    /// What is known about one run's snapshot files; guarded by <see cref="Lock"/>. Only committed records are ever
    /// taken in. Versions are 1, 2, …; a cold open (of a store without a legacy pointer file) starts after the last
    /// record its <see cref="SegmentIndex"/> names and checks that record, so the first <see cref="_fromIndex"/>
    /// entries are known only through the index until a lookup by id or the history needs them (<see cref="LoadAll"/>).
    /// </summary>
    private sealed class RunSnapshots : IDisposable
    {
        private readonly Dictionary<Guid, int> _byId = new();
        private readonly List<Entry> _entries = new();
        private readonly SegmentLog.RecordVisitor _takeIn;
        private string? _legacyPointerPath;
        private LatestPointer? _legacyPointer;
        private long _legacyCommitted;
        private bool _indexing;
        private bool _sawSelfCommitting;
        private bool _uncommittedTail;
        private bool _started;
        private bool _noIndex;
        private long _fromIndex;
        private Entry? _indexedLatest;
        private long _indexEntries = -1;

        public RunSnapshots(string directory, long segmentMaxBytes, ReadMeter? meter)
        {
            Log = new SegmentLog(directory, "snapshots", segmentMaxBytes) { Meter = meter };
            Index = new SegmentIndex(directory, "snapshots", meter);
            Lock = new StreamLock(directory, "lock");
            _takeIn = TakeIn;
        }

        // Built when first needed: a run without snapshots (until its first compaction) never asks for it.
        private string LegacyPointerPath => _legacyPointerPath ??= Path.Combine(Log.Directory, "latest");

        public SegmentLog Log { get; }

        public SegmentIndex Index { get; }

        public StreamLock Lock { get; }

        public long Count => _fromIndex + _entries.Count;

        public Entry? Latest => _entries.Count > 0 ? _entries[^1] : _indexedLatest;

        /// <summary>Damage a read found; writes to the run are refused from then on (in this process).</summary>
        public StorageCorruptedException? Damage { get; set; }

        /// <summary>
        /// Takes in the committed records appended since the last refresh and stops at the first
        /// uncommitted one (a legacy record past the legacy pointer), leaving it unread.
        /// </summary>
        public void Refresh(bool repair)
        {
            if (repair && Damage is { } damage)
            {
                throw new StorageCorruptedException(damage.Message, damage.FilePath ?? Log.Directory, damage.Offset ?? 0);
            }

            if (!repair && !_started && !System.IO.Directory.Exists(Log.Directory))
            {
                // No snapshot directory yet (every run until its first compaction): no record, no index and no legacy
                // pointer to read, so one stat instead of three. The first refresh once it exists reads them all.
                _uncommittedTail = false;
                return;
            }

            if (!repair && _started && Count == 0 && _legacyPointer is null && !File.Exists(Log.SegmentPath(1)))
            {
                // A reader of a run without snapshots yet (every run until its first compaction, asked on each event append): with no
                // record, there is nothing for a legacy pointer to commit, so one stat instead of two. The first refresh
                // in the process still reads the pointer, so a pointer naming a missing record is still reported.
                _uncommittedTail = false;
                return;
            }

            // Once a self-committing record exists, every legacy record before it was committed
            // (the writer that appended it cut the rest), so the pointer file no longer matters.
            if (!_sawSelfCommitting)
            {
                _legacyPointer = LatestPointer.Read(LegacyPointerPath);
            }

            if (!_started)
            {
                _started = true;
                _noIndex |= _legacyPointer is not null;
                if (!_noIndex)
                {
                    ResumeFromIndex(repair);
                }
            }

            if (repair && !_noIndex)
            {
                _indexEntries = Index.Count();
            }

            _legacyCommitted = _legacyPointer?.Version ?? 0;
            _indexing = repair;
            _uncommittedTail = false;
            Log.Refresh(repair, _takeIn);

            if (_legacyPointer is { } pointer
                && (_entries.Count < pointer.Version || _entries[(int)pointer.Version - 1].SnapshotId != pointer.SnapshotId))
            {
                throw new StorageCorruptedException(
                    $"Snapshot pointer '{LegacyPointerPath}' names snapshot {pointer.SnapshotId} (version {pointer.Version}), which is not in the snapshot segments.");
            }
        }

        /// <summary>The refresh's visitor (one delegate per run, not a closure per refresh).</summary>
        private bool TakeIn(RecordLocation location, ReadOnlySpan<byte> payload)
        {
            (long version, Guid id, bool selfCommitting) = SnapshotRecord.ReadKey(payload);
            if (!selfCommitting && version > _legacyCommitted)
            {
                _uncommittedTail = true;
                return false;
            }

            long expected = Count + 1;
            if (version != expected)
            {
                throw new StorageCorruptedException($"Snapshot segment '{Log.Directory}' has version {version} where {expected} was expected.");
            }

            _sawSelfCommitting |= selfCommitting;
            ReadOnlySpan<byte> batch = SnapshotRecord.EventBatch(payload);
            Add(location, version, id, batch.IsEmpty ? 0 : EventBatchRecord.ReadHeader(batch).FirstSeq, indexed: _indexing);
            return true;
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

        public bool Contains(Guid snapshotId)
        {
            LoadAll();
            return _byId.ContainsKey(snapshotId);
        }

        public bool TryGet(Guid snapshotId, out Entry entry)
        {
            LoadAll();
            bool found = _byId.TryGetValue(snapshotId, out int index);
            entry = found ? _entries[index] : default;
            return found;
        }

        /// <summary>Every entry, oldest first (reads the index entries a cold open skipped, once).</summary>
        public IReadOnlyList<Entry> All()
        {
            LoadAll();
            return _entries;
        }

        public StoredSnapshot Load(string runId, Entry entry)
        {
            try
            {
                return SnapshotRecord.Decode(runId, Log.Read(entry.Location));
            }
            catch (StorageCorruptedException ex)
            {
                Damage ??= ex;
                throw;
            }
        }

        /// <summary>Takes in a record; with <paramref name="indexed"/> (exclusive lock held), writes its index entry when it is the next one.</summary>
        public void Add(RecordLocation location, long version, Guid snapshotId, long committedEventsFirstSeq, bool indexed)
        {
            if (indexed && !_noIndex && _indexEntries == Count)
            {
                Index.Write(_indexEntries, location, Key(version, snapshotId, committedEventsFirstSeq));
                _indexEntries++;
            }

            _byId[snapshotId] = _entries.Count;
            _entries.Add(new Entry(version, snapshotId, location, committedEventsFirstSeq));
        }

        public void Reset()
        {
            Log.Reset();
            Index.Dispose();
            _entries.Clear();
            _byId.Clear();
            _legacyPointer = null;
            _sawSelfCommitting = false;
            _uncommittedTail = false;
            _started = false;
            _fromIndex = 0;
            _indexedLatest = null;
            _indexEntries = -1;
        }

        public void Dispose()
        {
            Log.Dispose();
            Index.Dispose();
            Lock.Dispose();
        }

        private static byte[] Key(long version, Guid snapshotId, long committedEventsFirstSeq)
        {
            byte[] key = new byte[SegmentIndex.KeySize];
            BinaryPrimitives.WriteInt64LittleEndian(key, version);
            snapshotId.TryWriteBytes(key.AsSpan(8));
            BinaryPrimitives.WriteInt64LittleEndian(key.AsSpan(24), committedEventsFirstSeq);
            return key;
        }

        private static Entry ReadEntry(RecordLocation location, ReadOnlySpan<byte> key) =>
            new(BinaryPrimitives.ReadInt64LittleEndian(key), new Guid(key.Slice(8, 16)), location, BinaryPrimitives.ReadInt64LittleEndian(key[24..]));

        /// <summary>
        /// Starts after the last index entry that has a good checksum and names a self-committing record with the same
        /// version and id whose own checksum holds; otherwise (writers) empties the index for the full scan to rebuild.
        /// </summary>
        private void ResumeFromIndex(bool repair)
        {
            long entries = Index.Count();
            Span<byte> key = stackalloc byte[SegmentIndex.KeySize];
            for (long last = entries - 1; last >= Math.Max(0, entries - 64); last--)
            {
                if (!Index.TryRead(last, out RecordLocation location, key))
                {
                    continue;
                }

                Entry entry = ReadEntry(location, key);
                try
                {
                    ReadOnlyMemory<byte> record = Log.Read(location);
                    (long version, Guid id, bool selfCommitting) = SnapshotRecord.ReadKey(record.Span);
                    ReadOnlySpan<byte> batch = SnapshotRecord.EventBatch(record.Span);
                    long committed = batch.IsEmpty ? 0 : EventBatchRecord.ReadHeader(batch).FirstSeq;
                    if (!selfCommitting || version != last + 1 || version != entry.Version || id != entry.SnapshotId || committed != entry.CommittedEventsFirstSeq)
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is StorageCorruptedException or IOException)
                {
                    break;
                }

                if (repair)
                {
                    Index.Truncate(last + 1);
                }

                Log.StartAt(location.Segment, location.End);
                _fromIndex = last + 1;
                _indexedLatest = entry;
                _sawSelfCommitting = true;
                return;
            }

            if (repair)
            {
                Index.Truncate(0);
            }
        }

        /// <summary>Reads the index entries a cold open skipped; a damaged entry means a full scan instead.</summary>
        private void LoadAll()
        {
            if (_fromIndex == 0)
            {
                return;
            }

            var prefix = new List<Entry>((int)_fromIndex);
            Span<byte> key = stackalloc byte[SegmentIndex.KeySize];
            for (long i = 0; i < _fromIndex; i++)
            {
                bool read = Index.TryRead(i, out RecordLocation location, key);
                Entry entry = ReadEntry(location, key);
                if (!read || entry.Version != i + 1)
                {
                    // The index is derived data: forget it for this run and scan the segments (the next writer rewrites it).
                    Reset();
                    _noIndex = true;
                    Refresh(repair: false);
                    _noIndex = false;
                    return;
                }

                prefix.Add(entry);
            }

            _entries.InsertRange(0, prefix);
            _byId.Clear();
            for (int i = 0; i < _entries.Count; i++)
            {
                _byId[_entries[i].SnapshotId] = i;
            }

            _fromIndex = 0;
            _indexedLatest = null;
        }
    }
}
