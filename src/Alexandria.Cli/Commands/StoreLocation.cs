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
