using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Cli.Commands;

/// <summary>A run in the embedded store or PostgreSQL, read through the runtime.</summary>
internal sealed class StoreRunSource(IRuntimeStore store, string description) : IRunSource
{
    private readonly TypedEventLog _log = new(store.Events, store.Objects);

    public string Description => description;

    public Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken) => _log.GetLastSeqAsync(runId, cancellationToken);

    public async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long fromSeq, int limit, CancellationToken cancellationToken)
        => (await _log.ReadAsync(runId, fromSeq, limit, cancellationToken).ConfigureAwait(false)).Select(e => e.Event).ToList();

    public async Task<IReadOnlyList<CompactionSnapshot>> GetSnapshotsAsync(string runId, CancellationToken cancellationToken)
        => (await store.Snapshots.GetHistoryAsync(runId, cancellationToken).ConfigureAwait(false)).Select(StoredDocuments.ReadSnapshot).ToList();

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
