using System;
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
internal sealed class FileSystemEventLog : IEventLog, IDisposable
{
    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly ConcurrentDictionary<string, RunEvents> _runs = new(StringComparer.Ordinal);

    public FileSystemEventLog(string root, long segmentMaxBytes)
    {
        _root = root;
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
    /// before the batch is written. When it throws, no event is written.
    /// </summary>
    public async Task<AppendedRange> AppendAsync(
        string runId,
        long expectedLastSeq,
        IReadOnlyList<EventToAppend> events,
        Func<byte[], CancellationToken, Task>? beforeWrite,
        CancellationToken cancellationToken)
    {
        StorageGuards.EventBatch(runId, expectedLastSeq, events);
        byte[] record = EventBatchRecord.Encode(expectedLastSeq + 1, events);
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
                await beforeWrite(record, cancellationToken).ConfigureAwait(false);
            }

            RecordLocation location = run.Log.Append(record);
            run.Add(location, expectedLastSeq + 1, events.Count);
            return new AppendedRange(expectedLastSeq + 1, run.LastSeq);
        }
        catch (Exception ex) when (ex is not (SequenceConflictException or SnapshotConflictException))
        {
            run.Reset();
            throw;
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        RunEvents run = await GetRecoveredRunAsync(runId, cancellationToken).ConfigureAwait(false);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        var result = new List<StoredEvent>(Math.Min(maxCount, 1024));
        fromSeq = Math.Max(1, fromSeq);
        for (int i = run.FindBatch(fromSeq); i >= 0 && i < run.Batches.Count && result.Count < maxCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlyMemory<byte> record = run.Log.Read(run.Batches[i].Location);
            EventBatchRecord.Decode(runId, record, fromSeq, maxCount - result.Count, result);
        }

        return result;
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
        run.LastSeqKnown = false;
        run.Refresh(repair: true);
        run.LastSeqKnown = true;
        if (FindUnappliedCommit is not null
            && await FindUnappliedCommit(runId, run.LastSeq, cancellationToken).ConfigureAwait(false) is { } batch)
        {
            (long firstSeq, int count) = EventBatchRecord.ReadHeader(batch);
            run.Add(run.Log.Append(batch), firstSeq, count);
        }

        run.Recovered = true;
    }

    private RunEvents GetRun(string runId) =>
        _runs.GetOrAdd(runId, id => new RunEvents(Path.Combine(_root, "runs", id, "events"), _segmentMaxBytes));

    private readonly record struct Batch(long FirstSeq, int Count, RecordLocation Location);

    /// <summary>What is known about one run's event segments; guarded by <see cref="Lock"/>.</summary>
    private sealed class RunEvents : IDisposable
    {
        public RunEvents(string directory, long segmentMaxBytes)
        {
            Log = new SegmentLog(directory, "events", segmentMaxBytes);
            Lock = new StreamLock(Path.Combine(directory, "lock"));
        }

        public SegmentLog Log { get; }

        public StreamLock Lock { get; }

        public List<Batch> Batches { get; } = new();

        public long LastSeq { get; private set; }

        /// <summary>Set once this process has recovered the run (trimmed a torn tail, rolled a compaction forward).</summary>
        public bool Recovered { get; set; }

        /// <summary>True once the event segments were read whole during recovery.</summary>
        public bool LastSeqKnown { get; set; }

        public void Refresh(bool repair) => Log.Refresh(repair, (location, payload) =>
        {
            (long firstSeq, int count) = EventBatchRecord.ReadHeader(payload);
            if (firstSeq != LastSeq + 1)
            {
                throw new StorageCorruptedException(
                    $"Event segment '{Log.Directory}' has a batch starting at seq {firstSeq} after seq {LastSeq}; the log is not gapless.");
            }

            Add(location, firstSeq, count);
            return true;
        });

        public void Add(RecordLocation location, long firstSeq, int count)
        {
            Batches.Add(new Batch(firstSeq, count, location));
            LastSeq = firstSeq + count - 1;
        }

        /// <summary>Index of the batch holding <paramref name="seq"/>, or -1.</summary>
        public int FindBatch(long seq)
        {
            int low = 0;
            int high = Batches.Count - 1;
            while (low <= high)
            {
                int mid = (low + high) >>> 1;
                Batch batch = Batches[mid];
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

        public void Reset()
        {
            Log.Reset();
            Batches.Clear();
            LastSeq = 0;
            Recovered = false;
        }

        public void Dispose()
        {
            Log.Dispose();
            Lock.Dispose();
        }
    }
}
