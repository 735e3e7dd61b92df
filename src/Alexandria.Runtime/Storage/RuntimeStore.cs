using System;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage.FileSystem;
using Alexandria.Runtime.Storage.Postgres;

namespace Alexandria.Runtime.Storage;

/// <summary>Opens the runtime's store: PostgreSQL when a connection string is given, the embedded filesystem store otherwise.</summary>
public static class RuntimeStore
{
    /// <summary>
    /// Opens a store. The Postgres backend applies pending schema migrations first (under an advisory
    /// lock, so concurrent start-ups are safe); the filesystem backend creates its root directory.
    /// </summary>
    public static async Task<IRuntimeStore> OpenAsync(RuntimeStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InlinePayloadLimitBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "InlinePayloadLimitBytes must be positive.");
        }

        if (string.IsNullOrEmpty(options.PostgresConnectionString))
        {
            return FileSystemRuntimeStore.Open(options);
        }

        return await PostgresRuntimeStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
