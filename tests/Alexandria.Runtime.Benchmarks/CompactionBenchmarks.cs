using System;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// Latency of one compaction over an 18-counted-event window (6 steps of plan/act/observe, each
/// observation citing a stored evidence chunk), through the runtime's real path
/// <see cref="RunSession.CompactAsync(Alexandria.Contracts.CompactionTrigger, System.Threading.CancellationToken)"/>:
/// compaction_started event, build, invariant gate (validator, contiguity, evidence resolution,
/// narrative, blob cap), snapshot insert + latest pointer, compaction_finished event. The window is
/// appended in IterationSetup, outside the measurement. The run keeps growing, so later
/// compactions carry a parent snapshot, as in a real run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 30)]
public class CompactionBenchmarks
{
    private const string RunId = "bench-compaction";

    private PostgresCluster? _cluster;
    private string? _root;
    private IRuntimeStore? _store;
    private RunSession? _session;
    private long _step;

    [GlobalSetup(Target = nameof(FileSystemStore))]
    public async Task SetupFileSystemAsync()
    {
        _root = Workload.NewTempDirectory("compact-fs");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root }).ConfigureAwait(false);
        _session = await RunSession.OpenAsync(_store, RunId, Workload.ScriptedOptions()).ConfigureAwait(false);
    }

    [GlobalSetup(Target = nameof(PostgresStore))]
    public async Task SetupPostgresAsync()
    {
        _cluster = new PostgresCluster();
        await _cluster.InitializeAsync().ConfigureAwait(false);
        var connection = await _cluster.CreateDatabaseAsync("compaction").ConfigureAwait(false);
        _root = Workload.NewTempDirectory("compact-pg");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = connection }).ConfigureAwait(false);
        _session = await RunSession.OpenAsync(_store, RunId, Workload.ScriptedOptions()).ConfigureAwait(false);
    }

    /// <summary>Appends the next window: 6 complete steps = 18 counted events.</summary>
    [IterationSetup]
    public void AppendWindow()
    {
        for (var i = 0; i < 6; i++)
        {
            Workload.AppendStepAsync(_session!, _step++, withEvidence: true).GetAwaiter().GetResult();
        }

        if (_session!.CountedEventsSinceSnapshot != 18)
        {
            throw new InvalidOperationException($"The window holds {_session.CountedEventsSinceSnapshot} counted events, not 18.");
        }
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

    [Benchmark(Description = "Compaction, 18 counted events, embedded FS store")]
    public Task FileSystemStore() => CompactAsync();

    [Benchmark(Description = "Compaction, 18 counted events, PostgreSQL store")]
    public Task PostgresStore() => CompactAsync();

    private async Task CompactAsync()
    {
        var outcome = await _session!.CompactAsync(Alexandria.Contracts.CompactionTrigger.EventThreshold).ConfigureAwait(false);
        if (outcome.Snapshot is null)
        {
            throw new InvalidOperationException("The invariant gate rejected the snapshot: " + string.Join("; ", outcome.Verdict.Violations));
        }
    }
}
