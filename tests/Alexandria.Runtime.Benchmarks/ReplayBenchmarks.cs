using System;
using System.Threading.Tasks;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// <see cref="SnapshotReplayer.VerifyAsync"/> over a run of exactly <see cref="EventCount"/> events (10,000 unless
/// <c>ALEXANDRIA_BENCH_REPLAY_EVENTS</c> says otherwise) on the embedded filesystem store (the default backend),
/// written in GlobalSetup through <see cref="RunSession"/> so compactions fire as in a real run (every 18 counted
/// events): the replay reads and validates every event, rebuilds every snapshot of the chain and compares it byte for
/// byte with the stored one. Setup also prints the bytes one replay allocates per event (load-independent).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ReplayBenchmarks
{
    /// <summary>In process: on the shared machine the generated child project's build failed or ran past its timeout.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(8)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }

    public static int EventCount => int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_BENCH_REPLAY_EVENTS"), out var n) && n >= 100 ? n : 10_000;
    private const string RunId = "bench-replay";

    private string? _root;
    private IRuntimeStore? _store;
    private SnapshotReplayer? _replayer;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Workload.NewTempDirectory("replay");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root }).ConfigureAwait(false);
        var options = Workload.ScriptedOptions();
        var session = await RunSession.OpenAsync(_store, RunId, options).ConfigureAwait(false);
        long step = 0;
        // A step is 3 events and may be followed by a compaction (2 more); pad the tail with verbose events.
        while (EventCount - session.LastSeq >= 5)
        {
            await Workload.AppendStepAsync(session, step, withEvidence: step % 5 == 0).ConfigureAwait(false);
            await session.EndStepAsync().ConfigureAwait(false);
            step++;
        }

        while (session.LastSeq < EventCount)
        {
            await session.AppendAsync(Workload.TokenUsage(step)).ConfigureAwait(false);
        }

        _replayer = new SnapshotReplayer(_store, options);
        var report = await _replayer.VerifyAsync(RunId).ConfigureAwait(false);
        if (!report.Verified || report.EventsRead != EventCount)
        {
            throw new InvalidOperationException($"Replay setup is wrong: {report.EventsRead} events, verified={report.Verified}.");
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await _replayer.VerifyAsync(RunId).ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"// Replay run: {report.EventsRead} events, {report.SnapshotsChecked} snapshots, {step} steps; one replay allocates {allocated / report.EventsRead} B per event.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        Workload.DeleteQuietly(_root);
    }

    [Benchmark(Description = "Replay + verify the whole run (embedded FS store)")]
    public async Task<int> Replay()
    {
        var report = await _replayer!.VerifyAsync(RunId).ConfigureAwait(false);
        if (!report.Verified)
        {
            throw new InvalidOperationException("Replay found mismatches.");
        }

        return report.SnapshotsChecked;
    }
}
