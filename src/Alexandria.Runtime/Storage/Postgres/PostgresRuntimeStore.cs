using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Production backend: events, snapshots and the artifact index in PostgreSQL (one
/// <see cref="NpgsqlDataSource"/>), blobs in the filesystem object store under the root directory.
/// </summary>
public sealed class PostgresRuntimeStore : IRuntimeStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresRuntimeStore(NpgsqlDataSource dataSource, RuntimeStoreOptions options)
    {
        _dataSource = dataSource;
        var objects = new FileSystemObjectStore(options.RootDirectory);
        Objects = objects;
        Events = new PostgresEventLog(dataSource, objects, options.InlinePayloadLimitBytes);
        Snapshots = new PostgresSnapshotStore(dataSource, objects, options.InlinePayloadLimitBytes);
        Artifacts = new PostgresArtifactIndex(dataSource, options.InlinePayloadLimitBytes);
    }

    /// <inheritdoc />
    public RuntimeStoreBackend Backend => RuntimeStoreBackend.Postgres;

    /// <inheritdoc />
    public IEventLog Events { get; }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public IArtifactIndex Artifacts { get; }

    /// <inheritdoc />
    public IObjectStore Objects { get; }

    /// <summary>The data source every connection comes from.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Connects, applies pending migrations and returns the store.</summary>
    public static async Task<PostgresRuntimeStore> OpenAsync(RuntimeStoreOptions options, CancellationToken cancellationToken = default)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        System.ArgumentException.ThrowIfNullOrEmpty(options.PostgresConnectionString);
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.PostgresConnectionString);
        try
        {
            await PostgresMigrator.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgresRuntimeStore(dataSource, options);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
