using System;
using System.IO;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>
/// Opens a store on the given backend before each test, in a fresh temp root, and removes it after.
/// Run ids are unique per test, so tests of one class can share a Postgres database.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    protected StoreTestBase(StoreBackend backend)
    {
        Backend = backend;
        Root = Directory.CreateTempSubdirectory("alx-store-").FullName;
    }

    protected StoreBackend Backend { get; }

    protected string Root { get; }

    protected RuntimeStoreOptions Options { get; private set; } = null!;

    protected IRuntimeStore Store { get; private set; } = null!;

    protected virtual int? InlineLimitBytes => null;

    public virtual async Task InitializeAsync()
    {
        Options = await Backend.CreateOptionsAsync(Root, GetType(), InlineLimitBytes);
        Store = await RuntimeStore.OpenAsync(Options);
    }

    public virtual async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A second, independent store over the same data (another "process").</summary>
    protected Task<IRuntimeStore> OpenAnotherStoreAsync() => RuntimeStore.OpenAsync(Options);

    protected static string NewRunId() => "run-" + Guid.NewGuid().ToString("N")[..16];
}
