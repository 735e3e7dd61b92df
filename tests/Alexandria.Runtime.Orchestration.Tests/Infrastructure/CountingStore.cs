using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>A real store whose event reads are counted: how a test sees what opening a run costs.</summary>
public sealed class CountingStore : IRuntimeStore
{
    private readonly IRuntimeStore _inner;
    private readonly CountingLog _events;

    public CountingStore(IRuntimeStore inner)
    {
        _inner = inner;
        _events = new CountingLog(inner.Events);
    }

    /// <summary>Events returned by every read so far.</summary>
    public long EventsRead => _events.EventsRead;

    /// <summary>Event-log appends (each one durable write, whatever its number of events).</summary>
    public long Appends => _events.Appends;

    public RuntimeStoreBackend Backend => _inner.Backend;

    public IEventLog Events => _events;

    public ISnapshotStore Snapshots => _inner.Snapshots;

    public IArtifactIndex Artifacts => _inner.Artifacts;

    public IObjectStore Objects => _inner.Objects;

    public Task<AppendedRange> CommitCompactionAsync(
        StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        => _inner.CommitCompactionAsync(snapshot, expectedLatest, expectedLastSeq, events, cancellationToken);

    /// <summary>The inner store stays open: its owner disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class CountingLog(IEventLog inner) : IEventLog
    {
        private long _read;

        public long EventsRead => Interlocked.Read(ref _read);

        private long _appends;

        public long Appends => Interlocked.Read(ref _appends);

        public Task<AppendedRange> AppendAsync(string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _appends);
            return inner.AppendAsync(runId, expectedLastSeq, events, cancellationToken);
        }

        public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
        {
            var events = await inner.ReadAsync(runId, fromSeq, maxCount, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _read, events.Count);
            return events;
        }

        public Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
            => inner.GetLastSeqAsync(runId, cancellationToken);
    }
}
