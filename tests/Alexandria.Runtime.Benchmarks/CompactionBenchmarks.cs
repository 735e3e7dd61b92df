using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Artifacts;
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
/// build, invariant gate (validator, contiguity, evidence resolution, narrative, blob cap), then
/// snapshot insert + latest move + compaction_started/_finished events through
/// <see cref="IRuntimeStore.CommitCompactionAsync"/>. The window is appended in IterationSetup,
/// outside the measurement. The run keeps growing, so later compactions carry a parent snapshot
/// (and its findings), as in a real run.
/// </summary>
/// <remarks>
/// Two cases split the filesystem figure: the CPU part alone (build + serialize + gate, nothing
/// written; the real compaction then runs in IterationCleanup, unmeasured) and the durable-write
/// floor of the filesystem commit (two appends with fsync, of a snapshot-sized and an
/// event-batch-sized record), which is what the VM's disk charges whatever the code does.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 30)]
public class CompactionBenchmarks
{
    private const string RunId = "bench-compaction";
    private const int FloorSnapshotBytes = 48 * 1024;
    private const int FloorEventBatchBytes = 2 * 1024;

    private readonly List<RunEvent> _window = new();
    private PostgresCluster? _cluster;
    private string? _root;
    private IRuntimeStore? _store;
    private RunSession? _session;
    private SnapshotBuilder? _builder;
    private InvariantGate? _gate;
    private FileStream? _snapshotSegment;
    private FileStream? _eventSegment;
    private long _step;

    [GlobalSetup(Targets = [nameof(FileSystemStore), nameof(BuildAndGateOnly)])]
    public async Task SetupFileSystemAsync()
    {
        _root = Workload.NewTempDirectory("compact-fs");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root }).ConfigureAwait(false);
        _session = await RunSession.OpenAsync(_store, RunId, Workload.ScriptedOptions()).ConfigureAwait(false);
        _builder = new SnapshotBuilder(CompactionPolicy.Default);
        _gate = new InvariantGate(CompactionPolicy.Default, new EvidenceResolver(_store.Artifacts, _store.Objects));
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

    [GlobalSetup(Target = nameof(FsyncFloor))]
    public void SetupFsyncFloor()
    {
        _root = Workload.NewTempDirectory("compact-fsync");
        _snapshotSegment = new FileStream(Path.Combine(_root, "snapshots.seg"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        _eventSegment = new FileStream(Path.Combine(_root, "events.seg"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
    }

    /// <summary>Appends the next window: 6 complete steps = 18 counted events.</summary>
    [IterationSetup(Targets = [nameof(FileSystemStore), nameof(PostgresStore), nameof(BuildAndGateOnly)])]
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

        // What the session will fold: everything after the latest snapshot, the previous compaction's events included.
        var first = (_session.Latest?.CoveredSeq.Last ?? 0) + 1;
        _window.Clear();
        foreach (var logged in _session.Log.ReadAsync(RunId, first, (int)(_session.LastSeq - first + 1)).GetAwaiter().GetResult())
        {
            _window.Add(logged.Event);
        }
    }

    /// <summary>After the CPU-only case, compact for real (unmeasured) so the next window follows a snapshot.</summary>
    [IterationCleanup(Target = nameof(BuildAndGateOnly))]
    public void CompactForReal() => CompactAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _snapshotSegment?.Dispose();
        _eventSegment?.Dispose();
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

    [Benchmark(Description = "Build + serialize + gate only, no writes (FS store)")]
    public async Task BuildAndGateOnly()
    {
        var window = new CompactionWindow(RunId, _session!.Latest, _window.ToArray());
        var candidate = _builder!.Build(window, _session.Loop);
        var json = JsonSerializer.SerializeToUtf8Bytes(candidate, OutputSchemaJson.Options);
        var verdict = await _gate!.CheckAsync(candidate, json, window).ConfigureAwait(false);
        if (!verdict.Passed)
        {
            throw new InvalidOperationException("The invariant gate rejected the snapshot: " + string.Join("; ", verdict.Violations));
        }
    }

    [Benchmark(Description = "Floor: 48 KiB + 2 KiB appends, fsync each (FS commit's durable writes)")]
    public void FsyncFloor()
    {
        Append(_snapshotSegment!, FloorSnapshotBytes);
        Append(_eventSegment!, FloorEventBatchBytes);
    }

    private static void Append(FileStream segment, int length)
    {
        segment.Write(new byte[length]);
        segment.Flush(flushToDisk: true);
    }

    private async Task CompactAsync()
    {
        var outcome = await _session!.CompactAsync(Alexandria.Contracts.CompactionTrigger.EventThreshold).ConfigureAwait(false);
        if (outcome.Snapshot is null)
        {
            throw new InvalidOperationException("The invariant gate rejected the snapshot: " + string.Join("; ", outcome.Verdict.Violations));
        }
    }
}
