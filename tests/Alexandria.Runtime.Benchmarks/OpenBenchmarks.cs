using System;
using System.Threading.Tasks;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Engines;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// <see cref="RunSession.OpenAsync"/> on PostgreSQL for a run of <see cref="EventCount"/> events whose latest snapshot
/// covers all but the last 30: what a server request or a failed-over grain pays to resume a long run (latest snapshot +
/// tail, issue 15 item 5). The run length comes from <c>ALEXANDRIA_BENCH_OPEN_EVENTS</c> (default 10,000; the 1,000,000
/// figure in docs/benchmarks.runtime.md is an opt-in run, its prefill takes about a minute).
/// </summary>
[MemoryDiagnoser]
[MinColumn, MaxColumn, MedianColumn]
[Config(typeof(InProcessConfig))]
public class OpenBenchmarks
{
    /// <summary>
    /// In process: the prefilled cluster is the expensive part, and on the shared machine the generated child project's
    /// build ran past BenchmarkDotNet's two-minute build timeout.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }

    private const string RunId = "bench-open";
    private const int Tail = 30;
    private const int PrefillBatch = 10_000;

    private PostgresCluster? _cluster;
    private string? _root;
    private IRuntimeStore? _store;

    public static int EventCount => int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_BENCH_OPEN_EVENTS"), out var n) && n > 100 ? n : 10_000;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = new PostgresCluster();
        await _cluster.InitializeAsync().ConfigureAwait(false);
        var connection = await _cluster.CreateDatabaseAsync("open").ConfigureAwait(false);
        _root = Workload.NewTempDirectory("open");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = connection }).ConfigureAwait(false);

        var started = DateTime.UtcNow;
        await LongRunWorkload.WriteAsync(_store, RunId, EventCount, PrefillBatch, Tail).ConfigureAwait(false);

        var check = await RunSession.OpenAsync(_store, RunId).ConfigureAwait(false);
        if (check.LastSeq != EventCount || check.EventsSinceSnapshot.Count != Tail)
        {
            throw new InvalidOperationException($"Open setup is wrong: last seq {check.LastSeq}, tail {check.EventsSinceSnapshot.Count}.");
        }

        Console.WriteLine($"// Open run: {EventCount} events prefilled in {(DateTime.UtcNow - started).TotalSeconds:F1} s; tail {Tail}.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        Workload.DeleteQuietly(_root);
    }

    [Benchmark(Description = "RunSession.OpenAsync: latest snapshot + 30-event tail (PostgreSQL)")]
    public async Task<long> Open()
    {
        var session = await RunSession.OpenAsync(_store!, RunId).ConfigureAwait(false);
        return session.LastSeq;
    }
}
