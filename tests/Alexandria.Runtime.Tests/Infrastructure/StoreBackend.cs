using System;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>Which backend a shared test class runs against.</summary>
public abstract class StoreBackend
{
    public static StoreBackend FileSystem { get; } = new FileSystemBackend();

    public static StoreBackend Postgres(PostgresCluster cluster) => new PostgresBackend(cluster);

    /// <summary>Options for a store rooted at <paramref name="root"/>; Postgres uses one database per test class.</summary>
    public abstract Task<RuntimeStoreOptions> CreateOptionsAsync(string root, Type testClass, int? inlineLimitBytes = null);

    private sealed class FileSystemBackend : StoreBackend
    {
        public override Task<RuntimeStoreOptions> CreateOptionsAsync(string root, Type testClass, int? inlineLimitBytes = null) =>
            Task.FromResult(new RuntimeStoreOptions
            {
                RootDirectory = root,
                InlinePayloadLimitBytes = inlineLimitBytes ?? RuntimeStoreOptions.DefaultInlinePayloadLimitBytes,
            });
    }

    private sealed class PostgresBackend : StoreBackend
    {
        private readonly PostgresCluster _cluster;

        public PostgresBackend(PostgresCluster cluster) => _cluster = cluster;

        public override async Task<RuntimeStoreOptions> CreateOptionsAsync(string root, Type testClass, int? inlineLimitBytes = null) =>
            new()
            {
                RootDirectory = root,
                PostgresConnectionString = await _cluster.DatabaseForAsync(testClass),
                InlinePayloadLimitBytes = inlineLimitBytes ?? RuntimeStoreOptions.DefaultInlinePayloadLimitBytes,
            };
    }
}
