using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// The first <see cref="RunSession.OpenAsync"/> of a run in a process on the embedded filesystem store (a fresh store
/// object per invocation, so nothing is cached in memory; the OS page cache is warm), for runs of 10⁴, 10⁵ and 10⁶
/// events whose latest snapshot covers all but the last 30 (issue 15 item 5: the open must not grow with the run).
/// "Without the index" deletes the stores' side indexes first, so the open scans every segment as before they
/// existed (and rebuilds them): the old cost, for contrast.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MaxColumn, MedianColumn]
[Config(typeof(InProcessConfig))]
public class FileSystemOpenBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(20)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }

    private const string RunId = "bench-fs-open";
    private const int Tail = 30;

    // Batches of 100 events: 10⁴ records for 10⁶ events, so an open that scanned would have plenty to scan.
    private const int PrefillBatch = 100;

    private string? _root;

    [Params(10_000, 100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Workload.NewTempDirectory("fs-open");
        await using var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root }).ConfigureAwait(false);
        var started = DateTime.UtcNow;
        await LongRunWorkload.WriteAsync(store, RunId, Events, PrefillBatch, Tail).ConfigureAwait(false);

        var check = await OpenAsync().ConfigureAwait(false);
        if (check.LastSeq != Events || check.EventsSinceSnapshot.Count != Tail)
        {
            throw new InvalidOperationException($"Open setup is wrong: last seq {check.LastSeq}, tail {check.EventsSinceSnapshot.Count}.");
        }

        long bytes = Directory.EnumerateFiles(_root, "*.seg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"// FS open run: {Events} events, {bytes / (1024 * 1024)} MiB of segments, prefilled in {(DateTime.UtcNow - started).TotalSeconds:F1} s; tail {Tail}.");
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.DeleteQuietly(_root);

    [IterationSetup(Target = nameof(OpenWithoutIndex))]
    public void DeleteIndexes()
    {
        foreach (var index in Directory.EnumerateFiles(_root!, "*.idx", SearchOption.AllDirectories))
        {
            File.Delete(index);
        }
    }

    [Benchmark(Baseline = true, Description = "RunSession.OpenAsync, cold, embedded store: latest snapshot + 30-event tail")]
    public async Task<long> Open() => (await OpenAsync().ConfigureAwait(false)).LastSeq;

    [Benchmark(Description = "Same, without the index (full segment scan, the cost before)")]
    public async Task<long> OpenWithoutIndex() => (await OpenAsync().ConfigureAwait(false)).LastSeq;

    private async Task<RunSession> OpenAsync()
    {
        await using var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root! }).ConfigureAwait(false);
        return await RunSession.OpenAsync(store, RunId).ConfigureAwait(false);
    }
}
