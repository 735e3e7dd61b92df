using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Brings the database schema up to date from the embedded <c>Migrations/NNNN_name.sql</c> files.
/// All pending migrations run in one transaction that first takes a transaction-scoped advisory
/// lock, so several runtimes starting at once apply each migration exactly once.
/// </summary>
internal static class PostgresMigrator
{
    // Arbitrary but fixed: every Alexandria runtime must agree on it.
    private const long AdvisoryLockKey = 0x414C_5844_5343_484DL;
    private const string ResourcePrefix = "Alexandria.Runtime.Migrations.";

    /// <summary>One embedded migration.</summary>
    internal sealed record Migration(int Version, string Name, string Sql, string Sha256);

    /// <summary>Applies pending migrations; returns the versions applied by this call.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        IReadOnlyList<Migration> migrations = LoadEmbedded();
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                sha256     text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new Dictionary<int, string>();
        await using (var command = new NpgsqlCommand("SELECT version, sha256 FROM schema_migrations", connection, transaction))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        int newest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        int? unknown = applied.Keys.Where(v => v > newest).Cast<int?>().FirstOrDefault();
        if (unknown is { } tooNew)
        {
            throw new InvalidOperationException(
                $"The database has schema migration {tooNew:D4}, newer than this runtime knows (up to {newest:D4}). Upgrade the runtime.");
        }

        var appliedNow = new List<int>();
        foreach (Migration migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out string? recorded))
            {
                if (!string.Equals(recorded, migration.Sha256, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:D4}_{migration.Name} differs from the one applied to this database. " +
                        "Shipped migrations are immutable; add a new migration instead of editing an old one.");
                }

                continue;
            }

            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, sha256) VALUES (@version, @name, @sha256)", connection, transaction))
            {
                command.Parameters.AddWithValue("version", migration.Version);
                command.Parameters.AddWithValue("name", migration.Name);
                command.Parameters.AddWithValue("sha256", migration.Sha256);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appliedNow;
    }

    /// <summary>The embedded migrations in version order.</summary>
    internal static IReadOnlyList<Migration> LoadEmbedded()
    {
        Assembly assembly = typeof(PostgresMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string fileName = resource[ResourcePrefix.Length..^".sql".Length];
            int underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore != 4 || !int.TryParse(fileName.AsSpan(0, 4), out int version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' must be named NNNN_name.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string sql = reader.ReadToEnd();
            string sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(version, fileName[(underscore + 1)..], sql, sha256));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {migrations[i].Version:D4}.");
            }
        }

        return migrations;
    }
}
