using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Marten;
using Npgsql;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// Where a single append's time goes (issue 15 item 5), for ours and Marten's, on a throwaway cluster:
/// <c>dotnet run -c Release --project tests/Alexandria.Runtime.Benchmarks -- --round-trips [--durable]</c>.
/// Pass 1 goes through <see cref="WireCounter"/> and counts round trips, bytes and the statements of one operation;
/// pass 2 connects directly and measures, per operation, wall time, this process's CPU time, the PostgreSQL server's
/// CPU time (every backend of the cluster, from /proc) and bytes allocated. CPU times and allocations hold under load;
/// wall time does not. <c>--durable</c> runs the cluster with fsync and synchronous_commit on.
/// </summary>
internal static class RoundTripProbe
{
    private const int Operations = 300;
    private const int Warmup = 30;

    /// <summary>One measured operation and how to set it up against a connection string.</summary>
    private sealed record Case(string Name, Func<string, string, Task<(Func<Task> Operation, IAsyncDisposable Owner)>> Create);

    public static async Task RunAsync(bool durable)
    {
        var cluster = new PostgresCluster { Durable = durable };
        await cluster.InitializeAsync().ConfigureAwait(false);
        var root = Workload.NewTempDirectory("roundtrips");
        try
        {
            Console.WriteLine($"# Round-trip probe, cluster {(durable ? "fsync=on, synchronous_commit=on" : "fsync=off, synchronous_commit=off")}, {Operations} operations per case, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            var cases = Cases(root);
            var direct = new Dictionary<string, string>();
            var results = new List<string>();
            var postmaster = await PostmasterAsync(cluster).ConfigureAwait(false);
            foreach (var probe in cases)
            {
                var connection = await cluster.CreateDatabaseAsync("probe").ConfigureAwait(false);
                await using var wire = new WireCounter(new NpgsqlConnectionStringBuilder(connection).Port);
                var counted = new NpgsqlConnectionStringBuilder(connection) { Port = wire.Port, SslMode = SslMode.Disable }.ConnectionString;
                var (trips, ready, toServer, toClient, statements) = await CountAsync(probe, counted, wire).ConfigureAwait(false);
                var (wall, clientCpu, serverCpu, allocated) = await TimeAsync(probe, connection, postmaster).ConfigureAwait(false);
                results.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {probe.Name} | {trips:F2} | {ready:F2} | {toServer:F0} / {toClient:F0} | {wall:F0} | {clientCpu:F0} | {serverCpu:F0} | {allocated:F0} |"));
                direct[probe.Name] = string.Join(Environment.NewLine, statements.Select(s => "    " + s));
            }

            Console.WriteLine("| operation | round trips | ReadyForQuery | bytes to server / to client | wall µs | client CPU µs | server CPU µs | allocated B |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            results.ForEach(Console.WriteLine);
            Console.WriteLine();
            foreach (var (name, statements) in direct)
            {
                Console.WriteLine($"## What one '{name}' sends");
                Console.WriteLine(statements);
            }
        }
        finally
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            Workload.DeleteQuietly(root);
        }
    }

    private static async Task<(double Trips, double Ready, double ToServer, double ToClient, IReadOnlyList<string> Statements)> CountAsync(Case probe, string connection, WireCounter wire)
    {
        var (operation, owner) = await probe.Create(connection, "count").ConfigureAwait(false);
        await using (owner.ConfigureAwait(false))
        {
            for (var i = 0; i < Warmup; i++)
            {
                await operation().ConfigureAwait(false);
            }

            wire.Reset();
            for (var i = 0; i < Operations - 1; i++)
            {
                await operation().ConfigureAwait(false);
            }

            var before = wire.Snapshot();
            await operation().ConfigureAwait(false);
            var after = wire.Snapshot();
            return (after.RoundTrips / (double)Operations, after.ReadyForQuery / (double)Operations, after.BytesToServer / (double)Operations,
                after.BytesToClient / (double)Operations, after.Statements.Skip(before.Statements.Count).ToArray());
        }
    }

    private static async Task<(double Wall, double ClientCpu, double ServerCpu, double Allocated)> TimeAsync(Case probe, string connection, int postmaster)
    {
        var (operation, owner) = await probe.Create(connection, "time").ConfigureAwait(false);
        await using (owner.ConfigureAwait(false))
        {
            for (var i = 0; i < Warmup; i++)
            {
                await operation().ConfigureAwait(false);
            }

            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var server = ServerCpu(postmaster);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Operations; i++)
            {
                await operation().ConfigureAwait(false);
            }

            var wall = clock.Elapsed;
            process.Refresh();
            const double PerOp = 1000.0 / Operations;
            return (wall.TotalMilliseconds * PerOp, (process.TotalProcessorTime - cpu).TotalMilliseconds * PerOp,
                (ServerCpu(postmaster) - server).TotalMilliseconds * PerOp, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Operations);
        }
    }

    /// <summary>CPU time of the postmaster and every process it started (backends, WAL writer, checkpointer, …).</summary>
    private static TimeSpan ServerCpu(int postmaster)
        => ProcFs.ChildrenOf(postmaster).Append(postmaster).Aggregate(TimeSpan.Zero, (sum, pid) => sum + (ProcFs.CpuTime(pid) ?? TimeSpan.Zero));

    private static async Task<int> PostmasterAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SHOW data_directory", connection);
        var data = (string)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
        return int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
    }

    private static List<Case> Cases(string root)
    {
        return new List<Case>
        {
            new("Npgsql: SELECT 1 (round-trip floor)", async (connection, _) =>
            {
                var source = new NpgsqlDataSourceBuilder(connection) { ConnectionStringBuilder = { MaxAutoPrepare = 32 } }.Build();
                return (async () =>
                {
                    await using var command = source.CreateCommand("SELECT 1");
                    await command.ExecuteScalarAsync().ConfigureAwait(false);
                }, source);
            }),
            new("Ours: single append", (connection, pass) => OursAppendAsync(root, connection, pass, batch: 1)),
            new("Marten Rich: single append", (connection, pass) => MartenAppendAsync(connection, pass, JasperFx.Events.EventAppendMode.Rich, inlineSnapshot: false, batch: 1)),
            new("Marten Quick: single append", (connection, pass) => MartenAppendAsync(connection, pass, JasperFx.Events.EventAppendMode.Quick, inlineSnapshot: false, batch: 1)),
            new("Marten Quick + inline snapshot: single append", (connection, pass) => MartenAppendAsync(connection, pass, JasperFx.Events.EventAppendMode.Quick, inlineSnapshot: true, batch: 1)),
            new("Ours: append 100", (connection, pass) => OursAppendAsync(root, connection, pass, batch: 100)),
            new("Ours: append 1000", (connection, pass) => OursAppendAsync(root, connection, pass, batch: 1000)),
            new("Marten Quick: append 100", (connection, pass) => MartenAppendAsync(connection, pass, JasperFx.Events.EventAppendMode.Quick, inlineSnapshot: false, batch: 100)),
            new("Ours: read last 100, typed", (connection, pass) => OursLongRunAsync(root, connection, pass, open: false)),
            new("Marten: FetchStreamAsync last 100", (connection, pass) => MartenLongRunAsync(connection, pass, open: false)),
            new("Ours: RunSession.OpenAsync, snapshot + 30-event tail", (connection, pass) => OursLongRunAsync(root, connection, pass, open: true)),
            new("Marten: FetchForWriting, inline snapshot", (connection, pass) => MartenLongRunAsync(connection, pass, open: true)),
        };
    }

    private static async Task<(Func<Task>, IAsyncDisposable)> OursAppendAsync(string root, string connection, string pass, int batch)
    {
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Path.Combine(root, pass + batch), PostgresConnectionString = connection }).ConfigureAwait(false);
        var log = new TypedEventLog(store.Events, store.Objects);
        var run = "probe-" + pass;
        long last = 0;
        return (async () =>
        {
            await log.AppendAsync(run, last, LongRunFixture.Stamped(run, last + 1, batch)).ConfigureAwait(false);
            last += batch;
        }, store);
    }

    private static async Task<(Func<Task>, IAsyncDisposable)> MartenAppendAsync(string connection, string pass, JasperFx.Events.EventAppendMode mode, bool inlineSnapshot, int batch)
    {
        var store = await MartenBenchmarks.MartenStoreAsync(connection, "marten", mode, inlineSnapshot).ConfigureAwait(false);
        var stream = "probe-" + pass;
        long version = 0;
        return (async () =>
        {
            await MartenBenchmarks.MartenAppendAsync(store, stream, version, LongRunFixture.Stamped(stream, version + 1, batch)).ConfigureAwait(false);
            version += batch;
        }, new Disposer(store));
    }

    private const int LongRunEvents = 1000;

    private static async Task<(Func<Task>, IAsyncDisposable)> OursLongRunAsync(string root, string connection, string pass, bool open)
    {
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Path.Combine(root, pass + "long"), PostgresConnectionString = connection }).ConfigureAwait(false);
        var run = "long-" + pass;
        await LongRunFixture.WriteAsync(store, run, LongRunEvents, tail: 30).ConfigureAwait(false);
        var log = new TypedEventLog(store.Events, store.Objects);
        return (open
            ? async () => await RunSession.OpenAsync(store, run).ConfigureAwait(false)
            : async () => await log.ReadAsync(run, LongRunEvents - 99, 100).ConfigureAwait(false), store);
    }

    private static async Task<(Func<Task>, IAsyncDisposable)> MartenLongRunAsync(string connection, string pass, bool open)
    {
        var store = await MartenBenchmarks.MartenStoreAsync(connection, "marten", JasperFx.Events.EventAppendMode.Quick, inlineSnapshot: true).ConfigureAwait(false);
        var stream = "long-" + pass;
        await MartenBenchmarks.MartenAppendAsync(store, stream, 0, LongRunFixture.Stamped(stream, 1, LongRunEvents)).ConfigureAwait(false);
        return (open
            ? async () =>
            {
                await using var session = store.LightweightSession();
                await session.Events.FetchForWriting<MartenRunState>(stream).ConfigureAwait(false);
            }
            : async () =>
            {
                await using var session = store.QuerySession();
                await session.Events.FetchStreamAsync(stream, fromVersion: LongRunEvents - 99).ConfigureAwait(false);
            }, new Disposer(store));
    }

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
