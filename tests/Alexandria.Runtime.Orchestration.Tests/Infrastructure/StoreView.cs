using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>A real store seen through a different snapshot store (see <see cref="TamperedSnapshots"/>); disposing it leaves the store open.</summary>
public sealed class StoreView : IRuntimeStore
{
    private readonly IRuntimeStore _inner;

    public StoreView(IRuntimeStore inner, ISnapshotStore snapshots)
    {
        _inner = inner;
        Snapshots = snapshots;
    }

    public RuntimeStoreBackend Backend => _inner.Backend;

    public IEventLog Events => _inner.Events;

    public ISnapshotStore Snapshots { get; }

    public IArtifactIndex Artifacts => _inner.Artifacts;

    public IObjectStore Objects => _inner.Objects;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
