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
/// Embedded event log: per run, <c>runs/&lt;run_id&gt;/events/events-NNNNNN.seg</c> segment files with
/// one checksummed record per appended batch. The run's last seq is derived from the records, so
/// there is no second file to keep in step.
/// </summary>
internal sealed class FileSystemEventLog : IEventLog, IParsingEventReader, IDisposable
{
    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly ReadMeter? _meter;
    private readonly ConcurrentDictionary<string, RunEvents> _runs = new(StringComparer.Ordinal);

    public FileSystemEventLog(string root, long segmentMaxBytes, ReadMeter? meter = null)
    {
        _root = root;
        _meter = meter;
        _segmentMaxBytes = segmentMaxBytes;
    }

    /// <summary>
    /// Finds a compaction's event batch that its snapshot committed but the log does not have yet (see
    /// <see cref="SnapshotRecord"/>), given the run's last seq; the log appends it before anything else.
    /// </summary>
    public Func<string, long, CancellationToken, Task<byte[]?>>? FindUnappliedCommit { get; set; }

    public Task<AppendedRange> AppendAsync(
        string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        => AppendAsync(runId, expectedLastSeq, events, beforeWrite: null, cancellationToken);

    /// <summary>
    /// Appends as <see cref="AppendAsync(string, long, IReadOnlyList{EventToAppend}, CancellationToken)"/>;
    /// <paramref name="beforeWrite"/> runs under the run's writer lock once the head check passed and
    /// before the batch is written; the encoded batch it is handed is valid only during that call. When it throws, no event is written.
    /// </summary>
    public async Task<AppendedRange> AppendAsync(
        string runId,
        long expectedLastSeq,
        IReadOnlyList<EventToAppend> events,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task>? beforeWrite,
        CancellationToken cancellationToken)
    {
        StorageGuards.EventBatch(runId, expectedLastSeq, events);
        // Encoded once, where the segment log writes it from (a pooled buffer with room for the record header).
        int length = EventBatchRecord.EncodePooled(expectedLastSeq + 1, events, SegmentLog.HeaderSize, out byte[] framed);
        try
        {
            RunEvents run = GetRun(runId);
            using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RecoverAsync(runId, run, cancellationToken).ConfigureAwait(false);
                if (run.LastSeq != expectedLastSeq)
                {
                    throw new SequenceConflictException(runId, expectedLastSeq, run.LastSeq);
                }

                if (beforeWrite is not null)
                {
                    // A compaction: the snapshot record copies the batch from here into its own record.
                    await beforeWrite(framed.AsMemory(SegmentLog.HeaderSize, length), cancellationToken).ConfigureAwait(false);
                }

                RecordLocation location = run.Log.AppendFramed(framed, length);
                run.Add(location, expectedLastSeq + 1, events.Count, indexed: true);
                return new AppendedRange(expectedLastSeq + 1, run.LastSeq);
            }
            catch (StorageCorruptedException ex)
            {
                run.Reset(ex);
                throw;
            }
            catch (Exception ex) when (ex is not (SequenceConflictException or SnapshotConflictException))
            {
                run.Reset();
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(framed);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default) =>
        ReadBatchesAsync<StoredEvent>(runId, fromSeq, maxCount, (run, batch, from, remaining, into) =>
        {
            ReadOnlyMemory<byte> record = run.Log.Read(batch.Location);
            CheckHeader(run, batch, record.Span);
            EventBatchRecord.Decode(runId, record, from, remaining, into);
        }, cancellationToken);

    public Task<IReadOnlyList<T>> ReadParsedAsync<T>(string runId, long fromSeq, int maxCount, EventJsonParser<T> parse, CancellationToken cancellationToken) =>
        ReadBatchesAsync<T>(runId, fromSeq, maxCount, (run, batch, from, remaining, into) =>
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(SegmentLog.HeaderSize + batch.Location.Length);
            try
            {
                ReadOnlySpan<byte> record = run.Log.Read(batch.Location, buffer);
                CheckHeader(run, batch, record);
                EventBatchRecord.Parse(runId, record, from, remaining, parse, into);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadBatchesAsync<T>(string runId, long fromSeq, int maxCount, BatchReader<T> read, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        try
        {
            return await ReadOnceAsync(runId, fromSeq, maxCount, read, cancellationToken).ConfigureAwait(false);
        }
        catch (IndexEntryDamagedException)
        {
            // The index is derived data: rebuild it from a full scan of the log (which applies every damage rule) and read again.
            RunEvents run = GetRun(runId);
            using (StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false))
            {
                run.Reset();
                run.RebuildIndex = true;
                await RecoverAsync(runId, run, cancellationToken).ConfigureAwait(false);
            }

            return await ReadOnceAsync(runId, fromSeq, maxCount, read, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<T>> ReadOnceAsync<T>(string runId, long fromSeq, int maxCount, BatchReader<T> read, CancellationToken cancellationToken)
    {
        RunEvents run = await GetRecoveredRunAsync(runId, cancellationToken).ConfigureAwait(false);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        var result = new List<T>(Math.Min(maxCount, 1024));
        fromSeq = Math.Max(1, fromSeq);
        try
        {
            for (long i = run.FindBatch(fromSeq); i >= 0 && i < run.BatchCount && result.Count < maxCount; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                read(run, run.GetBatch(i), fromSeq, maxCount - result.Count, result);
            }
        }
        catch (StorageCorruptedException ex)
        {
            // Found by the read that touched it: from now on this process refuses writes to the run, as a cold open
            // that had found it would have.
            run.Damage = ex;
            throw;
        }

        return result;
    }

    /// <summary>A record must hold the batch its index entry (or the scan) says it holds.</summary>
    private static void CheckHeader(RunEvents run, Batch batch, ReadOnlySpan<byte> record)
    {
        if (EventBatchRecord.ReadHeader(record) != (batch.FirstSeq, batch.Count))
        {
            string path = run.Log.SegmentPath(batch.Location.Segment);
            throw new StorageCorruptedException(
                $"The event batch at offset {batch.Location.Offset} of '{path}' does not hold seq " +
                $"{batch.FirstSeq}..{batch.FirstSeq + batch.Count - 1} as the log's index says.",
                path,
                batch.Location.Offset);
        }
    }

    public async Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunEvents run = await GetRecoveredRunAsync(runId, cancellationToken).ConfigureAwait(false);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        return run.LastSeq;
    }

    public void Dispose()
    {
        foreach (RunEvents run in _runs.Values)
        {
            run.Dispose();
        }

        _runs.Clear();
    }

    /// <summary>
    /// The run, recovered once per process before its first read: under the writer lock, a torn tail is trimmed
    /// and a compaction whose snapshot committed without its events is completed, so no reader sees either.
    /// </summary>
    private async Task<RunEvents> GetRecoveredRunAsync(string runId, CancellationToken cancellationToken)
    {
        RunEvents run = GetRun(runId);
        if (run.Recovered || !Directory.Exists(run.Log.Directory))
        {
            return run;
        }

        using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RecoverAsync(runId, run, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageCorruptedException) when (run.LastSeqKnown)
        {
            // The event log itself is whole; what is damaged is the snapshot log the roll-forward consults.
            // Reads of the events go on (replay and inspect report the damage where it is); appends stay refused.
        }
        catch
        {
            run.Reset();
            throw;
        }

        return run;
    }

    /// <summary>Refreshes with repair and rolls a committed compaction forward. The caller holds the exclusive lock.</summary>
    private async Task RecoverAsync(string runId, RunEvents run, CancellationToken cancellationToken)
    {
        if (run.Damage is { } damage)
        {
            throw new StorageCorruptedException(damage.Message, damage.FilePath ?? run.Log.Directory, damage.Offset ?? 0);
        }

        run.LastSeqKnown = false;
        if (!run.Recovered && run.BatchCount == 0)
        {
            run.ResumeFromIndex();
        }


        run.Refresh(repair: true);
        run.LastSeqKnown = true;
        if (FindUnappliedCommit is not null
            && await FindUnappliedCommit(runId, run.LastSeq, cancellationToken).ConfigureAwait(false) is { } batch)
        {
            (long firstSeq, int count) = EventBatchRecord.ReadHeader(batch);
            run.Add(run.Log.Append(batch), firstSeq, count, indexed: true);
        }

        run.Recovered = true;
    }

    private RunEvents GetRun(string runId) =>
        // A static factory: no delegate allocated per look-up (this runs on every append and read).
        _runs.GetOrAdd(runId, static (id, log) => new RunEvents(Path.Combine(log._root, "runs", id, "events"), log._segmentMaxBytes, log._meter), this);

    private readonly record struct Batch(long FirstSeq, int Count, RecordLocation Location);

    /// <summary>Reads one batch's events from <c>fromSeq</c> on, at most <c>remaining</c>, into <c>into</c>.</summary>
    private delegate void BatchReader<T>(RunEvents run, Batch batch, long fromSeq, int remaining, List<T> into);

    /// <summary>An index entry failed its checksum: not damage of the log, a reason to rebuild the index.</summary>
    private sealed class IndexEntryDamagedException : Exception;

    /// <summary>
    /// What is known about one run's event segments; guarded by <see cref="Lock"/>. Batches are numbered from 0: the
    /// first <see cref="_fromIndex"/> are known only through the <see cref="SegmentIndex"/> (a cold open started after
    /// them), the rest are held in memory.
    /// </summary>
    private sealed class RunEvents : IDisposable
    {
        private readonly List<Batch> _inMemory = new();
        private readonly SegmentLog.RecordVisitor _takeIn;
        private bool _indexing;
        private long _fromIndex;
        private long _indexEntries = -1;

        // Set by ResumeFromIndex, which has just counted (and cut) the index: the refresh right after need not count again.
        private bool _indexCounted;

        public RunEvents(string directory, long segmentMaxBytes, ReadMeter? meter)
        {
            Log = new SegmentLog(directory, "events", segmentMaxBytes) { Meter = meter };
            Index = new SegmentIndex(directory, "events", meter);
            Lock = new StreamLock(directory, "lock");
            _takeIn = TakeIn;
        }

        public SegmentLog Log { get; }

        public SegmentIndex Index { get; }

        public StreamLock Lock { get; }

        public long BatchCount => _fromIndex + _inMemory.Count;

        public long LastSeq { get; private set; }

        /// <summary>Set once this process has recovered the run (trimmed a torn tail, rolled a compaction forward).</summary>
        public bool Recovered { get; set; }

        /// <summary>True once the event segments were read to their end during recovery.</summary>
        public bool LastSeqKnown { get; set; }

        /// <summary>Set when an index entry was found damaged: the next recovery rebuilds the index from a full scan.</summary>
        public bool RebuildIndex { get; set; }

        /// <summary>Damage a read found; writes to the run are refused from then on (in this process).</summary>
        public StorageCorruptedException? Damage { get; set; }

        /// <summary>
        /// Cold open without a scan: trusts the index up to its last entry that has a good checksum and names a record
        /// whose own checksum and header agree with it, and starts the segment scan right after that record. When no
        /// such entry exists the index is rebuilt by the full scan that follows. Exclusive lock only.
        /// </summary>
        public void ResumeFromIndex()
        {
            bool rebuild = RebuildIndex;
            long entries = rebuild ? 0 : Index.Count();
            RebuildIndex = false;
            _indexCounted = true;
            Span<byte> key = stackalloc byte[SegmentIndex.KeySize];
            for (long last = entries - 1; last >= Math.Max(0, entries - 64); last--)
            {
                if (!Index.TryRead(last, out RecordLocation location, key))
                {
                    continue;
                }

                try
                {
                    (long firstSeq, int count) = ReadKey(key);
                    if (EventBatchRecord.ReadHeader(Log.Read(location).Span) != (firstSeq, count))
                    {
                        break;
                    }

                    Index.Truncate(last + 1);
                    Log.StartAt(location.Segment, location.End);
                    _fromIndex = last + 1;
                    _indexEntries = last + 1;
                    LastSeq = firstSeq + count - 1;
                    return;
                }
                catch (StorageCorruptedException)
                {
                    // The record or the entry is not what the index says: the full scan decides what it is.
                    break;
                }
                catch (IOException)
                {
                    break;
                }
            }

            if (rebuild || entries > 0)
            {
                // (With no whole entry there is nothing to cut: a partial one is overwritten by the first entry written.)
                Index.Truncate(0);
            }

            _indexEntries = 0;
        }

        public void Refresh(bool repair)
        {
            if (repair && !_indexCounted)
            {
                _indexEntries = Index.Count();
            }

            _indexCounted = false;

            _indexing = repair;
            Log.Refresh(repair, _takeIn);
        }

        /// <summary>The refresh's visitor (one delegate per run, not one per refresh).</summary>
        private bool TakeIn(RecordLocation location, ReadOnlySpan<byte> payload)
        {
            (long firstSeq, int count) = EventBatchRecord.ReadHeader(payload);
            if (firstSeq != LastSeq + 1)
            {
                throw new StorageCorruptedException(
                    $"Event segment '{Log.Directory}' has a batch starting at seq {firstSeq} after seq {LastSeq}; the log is not gapless.");
            }

            Add(location, firstSeq, count, indexed: _indexing);
            return true;
        }

        /// <summary>Takes in a batch; with <paramref name="indexed"/> (exclusive lock held), writes its index entry when it is the next one.</summary>
        public void Add(RecordLocation location, long firstSeq, int count, bool indexed)
        {
            if (indexed && _indexEntries == BatchCount)
            {
                Span<byte> key = stackalloc byte[SegmentIndex.KeySize];
                BinaryPrimitives.WriteInt64LittleEndian(key, firstSeq);
                BinaryPrimitives.WriteInt32LittleEndian(key[8..], count);
                Index.Write(_indexEntries, location, key);
                _indexEntries++;
            }

            _inMemory.Add(new Batch(firstSeq, count, location));
            LastSeq = firstSeq + count - 1;
        }

        public Batch GetBatch(long index)
        {
            if (index >= _fromIndex)
            {
                return _inMemory[(int)(index - _fromIndex)];
            }

            Span<byte> key = stackalloc byte[SegmentIndex.KeySize];
            if (!Index.TryRead(index, out RecordLocation location, key))
            {
                throw new IndexEntryDamagedException();
            }

            (long firstSeq, int count) = ReadKey(key);
            return new Batch(firstSeq, count, location);
        }

        /// <summary>Index of the batch holding <paramref name="seq"/>, or -1.</summary>
        public long FindBatch(long seq)
        {
            long low = 0;
            long high = BatchCount - 1;
            while (low <= high)
            {
                long mid = (low + high) >>> 1;
                Batch batch = GetBatch(mid);
                if (seq < batch.FirstSeq)
                {
                    high = mid - 1;
                }
                else if (seq >= batch.FirstSeq + batch.Count)
                {
                    low = mid + 1;
                }
                else
                {
                    return mid;
                }
            }

            return -1;
        }

        public void Reset(StorageCorruptedException? damage = null)
        {
            Log.Reset();
            Index.Dispose();
            _inMemory.Clear();
            _fromIndex = 0;
            _indexEntries = -1;
            _indexCounted = false;
            LastSeq = 0;
            Recovered = false;
            Damage ??= damage;
        }

        public void Dispose()
        {
            Log.Dispose();
            Index.Dispose();
            Lock.Dispose();
        }

        private static (long FirstSeq, int Count) ReadKey(ReadOnlySpan<byte> key) =>
            (BinaryPrimitives.ReadInt64LittleEndian(key), BinaryPrimitives.ReadInt32LittleEndian(key[8..]));
    }
}
