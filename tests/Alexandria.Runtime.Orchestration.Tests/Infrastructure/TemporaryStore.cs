using System;
using System.IO;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>An embedded filesystem store in a fresh temporary directory, removed afterwards.</summary>
public sealed class TemporaryStore : IAsyncDisposable
{
    private readonly bool _owned;

    private TemporaryStore(string directory, IRuntimeStore store, bool owned = true)
    {
        _owned = owned;
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public IRuntimeStore Store { get; }

    public static async Task<TemporaryStore> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "alexandria-orch-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = directory }).ConfigureAwait(false);
        return new TemporaryStore(directory, store);
    }

    /// <summary>A second handle on an existing directory (another "process"); disposing it leaves the files.</summary>
    public static async Task<TemporaryStore> ReopenAsync(string directory)
    {
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = directory }).ConfigureAwait(false);
        return new TemporaryStore(directory, store, owned: false);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        if (!_owned)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it is not.
        }
    }
}
