using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Runtime.Tests.Infrastructure;
using Npgsql;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// Migration 0003 (issue 18 item 4): events, snapshots and artifacts hash-partitioned by run_id — on a fresh database and
/// converting one written at schema version 2, with every row kept and the store reading and writing as before.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartitioningTests(PostgresCluster cluster) : IDisposable
{
    private const string RowDigests =
        """
        SELECT (SELECT md5(string_agg(e::text, '|' ORDER BY run_id, seq)) FROM events e)
            || (SELECT md5(string_agg(s::text, '|' ORDER BY run_id, version)) FROM snapshots s)
            || (SELECT md5(string_agg(l::text, '|' ORDER BY run_id)) FROM snapshot_latest l)
            || (SELECT md5(string_agg(a::text, '|' ORDER BY artifact_id)) FROM artifacts a)
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("alx-partition-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_fresh_database_gets_hash_partitioned_tables()
    {
        var connection = await cluster.CreateDatabaseAsync("partition-fresh");
        await using (var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = connection }))
        {
            await store.Events.AppendAsync("fresh", 0, new[] { Event(1) });
        }

        await AssertPartitionedAsync(connection);
    }

    [Fact]
    public async Task A_version_2_database_is_converted_with_every_row_and_the_store_works_on_it()
    {
        var connection = await cluster.CreateDatabaseAsync("partition-convert");
        await using (var dataSource = NpgsqlDataSource.Create(connection))
        {
            await ApplyVersion2Async(dataSource);
            await ExecuteAsync(dataSource, SeedSql);
        }

        string before = await ScalarAsync<string>(connection, RowDigests);
        await using var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = connection });

        Assert.Equal(before, await ScalarAsync<string>(connection, RowDigests));
        Assert.Equal(3 * 50L, await ScalarAsync<long>(connection, "SELECT count(*) FROM events"));
        await AssertPartitionedAsync(connection);

        // Reads of converted rows.
        var events = await store.Events.ReadAsync("run-1", 1, 100);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal("""{"n" : 7}""", Encoding.UTF8.GetString(events[6].Json.Span));
        Assert.Equal(50, await store.Events.GetLastSeqAsync("run-2"));
        var latest = await store.Snapshots.GetLatestAsync("run-3");
        Assert.Equal(SnapshotId(3, 2), latest!.SnapshotId);
        Assert.Equal(2, (await store.Snapshots.GetHistoryAsync("run-3")).Count);
        var artifact = await store.Artifacts.GetAsync(ArtifactId(2, 4));
        Assert.Equal("run-2", artifact!.RunId);
        Assert.Equal(5, (await store.Artifacts.FindByRunAsync("run-1")).Count);

        // Writes after the conversion: the log goes on, conflicts stay typed, ids stay unique across runs.
        await store.Events.AppendAsync("run-1", 50, new[] { Event(51) });
        await Assert.ThrowsAsync<SequenceConflictException>(() => store.Events.AppendAsync("run-1", 50, new[] { Event(51) }));
        await store.Snapshots.AppendAsync(new StoredSnapshot("run-3", Guid.NewGuid(), latest.SnapshotId, 41, 50, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("""{"s":3}""")), latest.SnapshotId);
        await Assert.ThrowsAsync<SnapshotConflictException>(() => store.Snapshots.AppendAsync(
            new StoredSnapshot("run-3", Guid.NewGuid(), latest.SnapshotId, 41, 50, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{}")), latest.SnapshotId));
        var stolen = artifact with { RunId = "run-9" };
        await Assert.ThrowsAsync<ArtifactAlreadyRegisteredException>(() => store.Artifacts.RegisterAsync(stolen));
        Assert.Equal(51, await store.Events.GetLastSeqAsync("run-1"));
    }

    private static EventToAppend Event(long n) =>
        new(n, "plan", true, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""));

    private static Guid SnapshotId(int run, int version) => Guid.Parse($"00000000-0000-0000-{run:D4}-{version:D12}");

    private static Guid ArtifactId(int run, int n) => Guid.Parse($"00000000-0000-0001-{run:D4}-{n:D12}");

    /// <summary>Three runs of 50 events, two snapshots each (latest = the second), five artifacts each — as version 2 stored them.</summary>
    private static readonly string SeedSql = string.Join(
        "\n",
        Enumerable.Range(1, 3).Select(r =>
            $$"""
            INSERT INTO event_heads VALUES ('run-{{r}}', 50);
            INSERT INTO events SELECT 'run-{{r}}', i, i, 'plan', true, timestamptz '2026-12-01' + i * interval '1 second', json_build_object('n', i), NULL, length(json_build_object('n', i)::text) FROM generate_series(1, 50) i;
            INSERT INTO snapshots VALUES ('{{SnapshotId(r, 1)}}', 'run-{{r}}', 1, NULL, 1, 20, '2026-12-01', '{"s":1}', NULL, 7);
            INSERT INTO snapshots VALUES ('{{SnapshotId(r, 2)}}', 'run-{{r}}', 2, '{{SnapshotId(r, 1)}}', 21, 40, '2026-12-01', '{"s":2}', NULL, 7);
            INSERT INTO snapshot_latest VALUES ('run-{{r}}', '{{SnapshotId(r, 2)}}', 2);
            """ + string.Concat(Enumerable.Range(1, 5).Select(a =>
            $$"""
            INSERT INTO artifacts VALUES ('{{ArtifactId(r, a)}}', 'run-{{r}}', {{a}}, 'files/a{{a}}.txt', '{{new string((char)('a' + a), 64)}}', 'text/plain', {{a}}, '2026-12-01', '{"k":{{a}}}');
            """))));

    /// <summary>Brings a database to schema version 2 exactly as the migrator did before 0003 existed.</summary>
    private static async Task ApplyVersion2Async(NpgsqlDataSource dataSource)
    {
        await ExecuteAsync(dataSource, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in PostgresMigrator.LoadEmbedded().Where(m => m.Version <= 2))
        {
            await ExecuteAsync(dataSource, migration.Sql);
            await ExecuteAsync(dataSource, $"INSERT INTO schema_migrations (version, name, sha256) VALUES ({migration.Version}, '{migration.Name}', '{migration.Sha256}')");
        }
    }

    private static async Task AssertPartitionedAsync(string connection)
    {
        foreach (var table in new[] { "events", "snapshots", "artifacts" })
        {
            Assert.Equal("p", await ScalarAsync<string>(connection, $"SELECT relkind::text FROM pg_class WHERE relname = '{table}'"));
            Assert.Equal(16L, await ScalarAsync<long>(connection, $"SELECT count(*) FROM pg_inherits WHERE inhparent = '{table}'::regclass"));
        }

        Assert.Equal("run_id", await ScalarAsync<string>(connection, "SELECT pg_get_partkeydef('events'::regclass)").ContinueWith(t => t.Result.Replace("HASH (", "").TrimEnd(')')));
        Assert.Equal(new[] { "run_id", "seq" }, (await ScalarAsync<string>(connection,
            "SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i CROSS JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = 'events'::regclass AND i.indisprimary")).Split(','));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connection, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
