using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>
/// A view of a real store whose snapshot store hands back altered bytes for one snapshot — what a
/// replay sees after someone edited a stored snapshot.
/// </summary>
public sealed class TamperedSnapshots : ISnapshotStore
{
    private readonly ISnapshotStore _inner;
    private readonly Guid _target;
    private readonly Func<byte[], byte[]> _tamper;

    public TamperedSnapshots(ISnapshotStore inner, Guid target, Func<byte[], byte[]> tamper)
    {
        _inner = inner;
        _target = target;
        _tamper = tamper;
    }

    public Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default)
        => _inner.AppendAsync(snapshot, expectedLatest, cancellationToken);

    public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
        => Tamper(await _inner.GetLatestAsync(runId, cancellationToken));

    public async Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
        => Tamper(await _inner.GetAsync(runId, snapshotId, cancellationToken));

    public async Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
        => (await _inner.GetHistoryAsync(runId, cancellationToken)).Select(s => Tamper(s)!).ToList();

    private StoredSnapshot? Tamper(StoredSnapshot? snapshot)
        => snapshot is not null && snapshot.SnapshotId == _target ? snapshot with { Json = _tamper(snapshot.Json.ToArray()) } : snapshot;
}
