using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>A PostgreSQL cluster of its own with production durability (fsync and synchronous commit on), to be killed.</summary>
public sealed class DurablePostgresCluster : IAsyncLifetime
{
    public PostgresCluster Cluster { get; } = new() { Durable = true };

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>
/// Kills the PostgreSQL server itself — the postmaster and every backend, SIGKILL, while two writers append
/// events, snapshots, compaction commits and artifacts — then restarts it (WAL recovery) and checks that every
/// write a writer was told had committed is there byte for byte, the log gapless and whole. CI runs 4 kills; the
/// soak sets ALEXANDRIA_PG_SERVER_KILLS (docs/reliability.md).
/// </summary>
public sealed class PostgresServerKillTests : IClassFixture<DurablePostgresCluster>, IDisposable
{
    private static readonly int Kills = int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_PG_SERVER_KILLS"), out int kills) && kills > 0 ? kills : 4;
    private readonly PostgresCluster _cluster;
    private readonly ITestOutputHelper _output;
    private readonly string _root = Directory.CreateTempSubdirectory("alx-pgkill-").FullName;
    private readonly string _acks = Directory.CreateTempSubdirectory("alx-acks-").FullName;

    public PostgresServerKillTests(DurablePostgresCluster durable, ITestOutputHelper output)
    {
        _cluster = durable.Cluster;
        _output = output;
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_a_SIGKILL_of_the_PostgreSQL_server()
    {
        var options = new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = await _cluster.CreateDatabaseAsync("serverkill") };
        await using (await RuntimeStore.OpenAsync(options))
        {
            // Migrations run once, before any writer races another to create the schema.
        }

        string run = "run-" + Guid.NewGuid().ToString("N")[..16];
        var random = new Random(20261204);
        long lastSeq = 0;
        int acknowledged = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int kill = 0; kill < Kills; kill++)
        {
            Process[] writers = await Task.WhenAll(Enumerable.Range(kill * 2, 2).Select(seed =>
                CrashHosts.StartAsync(_root, run, seed, options.PostgresConnectionString, Path.Combine(_acks, $"{seed}.acks"))));
            try
            {
                await Task.Delay(random.Next(50, 400));
                await _cluster.KillServerAsync();
            }
            finally
            {
                // Writers that lost their server mid-commit either died on the error or are killed now.
                await CrashHosts.KillAsync(writers);
            }

            await _cluster.RestartServerAsync();
            await using IRuntimeStore reopened = await RuntimeStore.OpenAsync(options);
            var events = await reopened.Events.ReadAsync(run, 1, int.MaxValue);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
            Assert.True(events.Count >= lastSeq, $"kill {kill}: the log shrank from {lastSeq} to {events.Count}");
            var acks = AcknowledgedWrites.Read(_acks);
            await acks.AssertSurvivedAsync(reopened, run, $"server kill {kill}");
            lastSeq = events.Count;
            acknowledged = acks.Count;
        }

        _output.WriteLine($"{Kills} server kills in {stopwatch.Elapsed.TotalSeconds:0.0}s; {lastSeq} events; {acknowledged} acknowledged writes found byte for byte");
        Assert.True(acknowledged > 0, "the writers acknowledged nothing before the kills, so the test proved nothing");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_acks, recursive: true);
    }
}
