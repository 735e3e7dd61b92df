using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Runtime.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>What only the Postgres backend promises: the schema, migrations and the inline cap.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests : StoreTestBase
{
    private readonly PostgresCluster _cluster;

    public PostgresSchemaTests(PostgresCluster cluster, ITestOutputHelper output)
        : base(StoreBackend.Postgres(cluster))
    {
        _cluster = cluster;
        output.WriteLine($"throwaway cluster started in {cluster.StartupTime.TotalSeconds:0.0}s");
    }

    [Fact]
    public async Task Payloads_over_64_KiB_go_to_the_object_store_and_the_row_keeps_only_a_pointer()
    {
        string run = NewRunId();
        int limit = RuntimeStoreOptions.DefaultInlinePayloadLimitBytes;
        byte[] atLimit = Padded(1, limit);
        byte[] overLimit = Padded(2, limit + 1);
        byte[] huge = Padded(3, 1_000_000);
        await Store.Events.AppendAsync(run, 0, new[] { Event(atLimit), Event(overLimit), Event(huge) });
        StoredSnapshot snapshot = TestDocuments.Snapshot(run, null, 1, 3, padding: 200_000);
        await Store.Snapshots.AppendAsync(snapshot, null);

        var rows = await QueryAsync(
            "SELECT seq, payload IS NULL, payload_sha256, payload_size FROM events WHERE run_id = $1 ORDER BY seq",
            run,
            r => (Seq: r.GetInt64(0), Offloaded: r.GetBoolean(1), Sha: r.IsDBNull(2) ? null : r.GetString(2), Size: r.GetInt32(3)));
        Assert.Equal(new[] { false, true, true }, rows.Select(r => r.Offloaded));
        Assert.Equal(new[] { atLimit.Length, overLimit.Length, huge.Length }, rows.Select(r => r.Size));
        foreach (var row in rows.Where(r => r.Offloaded))
        {
            Assert.True(File.Exists(Path.Combine(Root, FileSystemObjectStore.GetObjectPath(run, row.Sha!))));
        }

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE octet_length(payload::text) > $1", limit));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM snapshots WHERE octet_length(payload::text) > $1", limit));
        Assert.True(await ScalarAsync<bool>("SELECT payload IS NULL AND payload_sha256 IS NOT NULL FROM snapshots WHERE snapshot_id = $1", snapshot.SnapshotId));

        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, 10);
        Assert.Equal(atLimit, events[0].Json.ToArray());
        Assert.Equal(overLimit, events[1].Json.ToArray());
        Assert.Equal(huge, events[2].Json.ToArray());
        Assert.Equal(snapshot.Json.ToArray(), (await Store.Snapshots.GetLatestAsync(run))!.Json.ToArray());
    }

    [Fact]
    public async Task The_inline_limit_is_configurable()
    {
        await using IRuntimeStore small = await RuntimeStore.OpenAsync(new RuntimeStoreOptions
        {
            RootDirectory = Root,
            PostgresConnectionString = Options.PostgresConnectionString,
            InlinePayloadLimitBytes = 1024,
        });
        string run = NewRunId();
        await small.Events.AppendAsync(run, 0, new[] { Event(Padded(1, 1000)), Event(Padded(2, 2000)) });
        Assert.Equal(
            new[] { false, true },
            await QueryAsync("SELECT payload IS NULL FROM events WHERE run_id = $1 ORDER BY seq", run, r => r.GetBoolean(0)));
    }

    [Fact]
    public async Task A_tampered_offloaded_payload_is_detected_when_the_event_is_read()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, new[] { Event(Padded(1, 100_000)) });
        string sha = await ScalarAsync<string>("SELECT payload_sha256 FROM events WHERE run_id = $1", run);
        string file = Path.Combine(Root, FileSystemObjectStore.GetObjectPath(run, sha));
        byte[] bytes = await File.ReadAllBytesAsync(file);
        bytes[^3] ^= 0x20;
        await File.WriteAllBytesAsync(file, bytes);
        await Assert.ThrowsAsync<ArtifactTamperedException>(() => Store.Events.ReadAsync(run, 1, 1));
    }

    [Fact]
    public async Task Migrations_are_applied_exactly_once_even_when_runtimes_start_concurrently()
    {
        string connectionString = await _cluster.CreateDatabaseAsync("migrations");
        var options = new RuntimeStoreOptions { RootDirectory = Root, PostgresConnectionString = connectionString };
        IRuntimeStore[] stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RuntimeStore.OpenAsync(options))));
        foreach (IRuntimeStore store in stores)
        {
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, name FROM schema_migrations ORDER BY version", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var applied = new List<string>();
        while (await reader.ReadAsync())
        {
            applied.Add($"{reader.GetInt32(0):D4}_{reader.GetString(1)}");
        }

        // Every embedded migration once, in order (the list grows with each branch's migrations).
        Assert.Equal(PostgresMigrator.LoadEmbedded().Select(m => $"{m.Version:D4}_{m.Name}"), applied);
        Assert.Equal(new[] { "0001_initial", "0002_server_documents", "0003_partition_by_run" }, applied.Take(3));
    }

    [Fact]
    public async Task The_artifacts_table_has_exactly_the_domain_columns_and_indexes()
    {
        List<string> columns = await QueryAsync(
            "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'artifacts' ORDER BY ordinal_position",
            null,
            r => r.GetString(0));
        Assert.Equal(
            new[]
            {
                "artifact_id uuid", "run_id text", "step_id bigint", "path text", "hash text", "mime_type text",
                "size_bytes bigint", "created_at timestamp with time zone", "metadata jsonb",
            },
            columns);

        List<string> indexes = await QueryAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'artifacts' ORDER BY indexname", null, r => r.GetString(0));
        Assert.Contains(indexes, d => d.Contains("(run_id, step_id)", StringComparison.Ordinal));
        Assert.Contains(indexes, d => d.Contains("(hash)", StringComparison.Ordinal));
        Assert.Contains(indexes, d => d.Contains("UNIQUE", StringComparison.Ordinal) && d.Contains("(run_id, artifact_id)", StringComparison.Ordinal));
        // Partitioned by run (migration 0003): the id's uniqueness across runs is kept by artifact_ids.
        List<string> ids = await QueryAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'artifact_ids'", null, r => r.GetString(0));
        Assert.Contains(ids, d => d.Contains("UNIQUE", StringComparison.Ordinal) && d.Contains("(artifact_id)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UPDATE events SET kind = 'x'")]
    [InlineData("DELETE FROM events")]
    [InlineData("UPDATE snapshots SET last_seq = 0")]
    [InlineData("DELETE FROM snapshots")]
    [InlineData("DELETE FROM artifacts")]
    public async Task History_tables_reject_updates_and_deletes(string sql)
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 1));
        await Store.Snapshots.AppendAsync(TestDocuments.Snapshot(run, null, 1, 1), null);
        await Store.StoreArtifactAsync(run, 0, "a.txt", "text/plain", new byte[] { 1 });
        await using var connection = new NpgsqlConnection(Options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    private static EventToAppend Event(byte[] json) => new(0, "observe", true, TestDocuments.Epoch, json);

    private static byte[] Padded(long seq, int totalBytes)
    {
        byte[] head = TestDocuments.EventJson(seq);
        return TestDocuments.EventJson(seq, padding: totalBytes - head.Length);
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(Options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object? parameter, Func<NpgsqlDataReader, T> map)
    {
        await using var connection = new NpgsqlConnection(Options.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var results = new List<T>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            results.Add(map(reader));
        }

        return results;
    }
}
