using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Agents.Benchmarks.Profiling;

/// <summary>A store whose every call is timed into a <see cref="CostLedger"/> under "store: &lt;call&gt;"; behaviour is the inner store's.</summary>
internal sealed class TimedStore : IRuntimeStore
{
    private readonly IRuntimeStore _inner;
    private readonly CostLedger _ledger;

    public TimedStore(IRuntimeStore inner, CostLedger ledger)
    {
        _inner = inner;
        _ledger = ledger;
        Events = new TimedEvents(inner.Events, ledger);
        Snapshots = new TimedSnapshots(inner.Snapshots, ledger);
        Artifacts = new TimedArtifacts(inner.Artifacts, ledger);
        Objects = new TimedObjects(inner.Objects, ledger);
    }

    public RuntimeStoreBackend Backend => _inner.Backend;

    public IEventLog Events { get; }

    public ISnapshotStore Snapshots { get; }

    public IArtifactIndex Artifacts { get; }

    public IObjectStore Objects { get; }

    public Task<AppendedRange> CommitCompactionAsync(
        StoredSnapshot snapshot, Guid? expectedLatest, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        => _ledger.Measure("store: commit compaction", () => _inner.CommitCompactionAsync(snapshot, expectedLatest, expectedLastSeq, events, cancellationToken));

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private sealed class TimedEvents(IEventLog inner, CostLedger ledger) : IEventLog
    {
        public Task<AppendedRange> AppendAsync(string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
            => ledger.Measure("store: event append", () => inner.AppendAsync(runId, expectedLastSeq, events, cancellationToken));

        public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
            => ledger.Measure("store: event read", () => inner.ReadAsync(runId, fromSeq, maxCount, cancellationToken));

        public Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
            => ledger.Measure("store: event last seq", () => inner.GetLastSeqAsync(runId, cancellationToken));
    }

    private sealed class TimedSnapshots(ISnapshotStore inner, CostLedger ledger) : ISnapshotStore
    {
        public Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default)
            => ledger.Measure("store: snapshot append", () => inner.AppendAsync(snapshot, expectedLatest, cancellationToken));

        public Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
            => ledger.Measure("store: snapshot latest", () => inner.GetLatestAsync(runId, cancellationToken));

        public Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
            => ledger.Measure("store: snapshot get", () => inner.GetAsync(runId, snapshotId, cancellationToken));

        public Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
            => ledger.Measure("store: snapshot history", () => inner.GetHistoryAsync(runId, cancellationToken));
    }

    private sealed class TimedArtifacts(IArtifactIndex inner, CostLedger ledger) : IArtifactIndex
    {
        public Task RegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken = default)
            => ledger.Measure("store: artifact register", () => inner.RegisterAsync(artifact, cancellationToken));

        public Task<ArtifactMetadata?> GetAsync(Guid artifactId, CancellationToken cancellationToken = default)
            => ledger.Measure("store: artifact get by id", () => inner.GetAsync(artifactId, cancellationToken));

        public Task<IReadOnlyList<ArtifactMetadata>> FindByRunAsync(string runId, long? stepId = null, CancellationToken cancellationToken = default)
            => ledger.Measure("store: artifact list run", () => inner.FindByRunAsync(runId, stepId, cancellationToken));

        public Task<IReadOnlyList<ArtifactMetadata>> FindByHashAsync(string sha256, CancellationToken cancellationToken = default)
            => ledger.Measure("store: artifact find hash", () => inner.FindByHashAsync(sha256, cancellationToken));
    }

    private sealed class TimedObjects(IObjectStore inner, CostLedger ledger) : IObjectStore
    {
        public Task<ObjectPointer> PutAsync(string runId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object put", () => inner.PutAsync(runId, content, cancellationToken));

        public Task<ObjectPointer> PutAsync(string runId, Stream content, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object put stream", () => inner.PutAsync(runId, content, cancellationToken));

        public Task<ObjectPointer> PutExpectedAsync(string runId, Stream content, string expectedSha256, long expectedSizeBytes, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object put expected", () => inner.PutExpectedAsync(runId, content, expectedSha256, expectedSizeBytes, cancellationToken));

        public Task<ObjectReadStream> OpenReadAsync(string runId, string sha256, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object open", () => inner.OpenReadAsync(runId, sha256, cancellationToken));

        public Task<byte[]> ReadAsync(string runId, string sha256, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object read", () => inner.ReadAsync(runId, sha256, cancellationToken));

        public Task<bool> ExistsAsync(string runId, string sha256, CancellationToken cancellationToken = default)
            => ledger.Measure("store: object exists", () => inner.ExistsAsync(runId, sha256, cancellationToken));
    }
}
