using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Cli.Commands;

/// <summary>
/// The <c>--store</c> / <c>--postgres</c> options every runtime command shares, and opening the store
/// they name: PostgreSQL (with the object store under <c>--store</c>) when a connection string is
/// given, the embedded filesystem store under <c>--store</c> otherwise.
/// </summary>
internal static class StoreLocation
{
    public const string DefaultDirectory = ".alexandria";

    public static Option<DirectoryInfo> StoreOption() => new("--store")
    {
        Description = "Directory of the embedded store (and of the object store with --postgres).",
        DefaultValueFactory = _ => new DirectoryInfo(DefaultDirectory),
    };

    public static Option<string?> PostgresOption() => new("--postgres")
    {
        Description = "Npgsql connection string; events, snapshots and artifact rows go to PostgreSQL instead of the embedded store.",
    };

    public static Option<string?> ServerOption() => new("--server")
    {
        Description = "Base URL of an Alexandria server (alexandria serve), read through the generated HTTP client instead of a local store.",
    };

    /// <summary>The server when <paramref name="server"/> is given, else the local store the other two options name.</summary>
    public static async Task<IRunSource> OpenSourceAsync(DirectoryInfo directory, string? postgres, string? server, CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"--server must be an absolute http:// or https:// URL, not '{server}'.");
            }
            return new ServerRunSource(url);
        }
        var store = await OpenAsync(directory, postgres, cancellationToken).ConfigureAwait(false);
        return new StoreRunSource(store, Describe(directory, postgres));
    }

    public static Task<IRuntimeStore> OpenAsync(DirectoryInfo directory, string? postgres, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return RuntimeStore.OpenAsync(
            new RuntimeStoreOptions { RootDirectory = directory.FullName, PostgresConnectionString = string.IsNullOrWhiteSpace(postgres) ? null : postgres },
            cancellationToken);
    }

    public static string Describe(DirectoryInfo directory, string? postgres)
        => string.IsNullOrWhiteSpace(postgres) ? $"embedded store at {directory.FullName}" : $"PostgreSQL (objects at {directory.FullName})";
}
