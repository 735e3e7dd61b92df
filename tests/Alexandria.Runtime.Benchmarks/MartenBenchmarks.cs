using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// Our PostgreSQL store beside Marten 9.62's event store (issue 15 item 5), on one throwaway cluster in one run, with the
/// same typed events (plan/act/observe, our contract's JSON: Marten serializes them with our System.Text.Json options).
/// Four categories, ours the baseline of each: single appends with the expected-version check, batches of 100, reading
/// the last 100 events of a long stream, and rebuilding a writer's state (our latest snapshot + tail vs Marten's live
/// aggregation and its inline snapshot). Marten runs in its default Rich append mode and in Quick mode; the inline
/// snapshot store (Quick + <c>Snapshot&lt;T&gt;(Inline)</c>) also appends, to show what its fast rebuild costs a writer.
/// Mean is per event for the appends and per call for reads and rebuilds.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(InProcessConfig))]
public class MartenBenchmarks
{
    /// <summary>In process, as <see cref="OpenBenchmarks"/>: the prefilled cluster is the expensive part.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(15)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }

    private const int Singles = 100;
    private const int BatchSize = 100;
    private const int Batches = 10;
    private const int TailCount = 100;
    private const int Reads = 20;
    private const int SnapshotTail = 30;
    private const string LongRun = "bench-long";

    private PostgresCluster? _cluster;
    private string? _root;
    private IRuntimeStore? _ours;
    private TypedEventLog? _oursLog;
    private DocumentStore? _rich;
    private DocumentStore? _quick;
    private DocumentStore? _inline;
    private readonly Dictionary<string, Writer> _writers = new(StringComparer.Ordinal);

    /// <summary>Events in the long stream read and rebuilt (<c>ALEXANDRIA_BENCH_MARTEN_EVENTS</c>, default 10,000).</summary>
    public static int LongEvents => int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_BENCH_MARTEN_EVENTS"), out var n) && n > 1000 ? n : 10_000;

    /// <summary>One appending benchmark's stream: where it is and the events its next invocation writes.</summary>
    private sealed class Writer(string stream)
    {
        public string Stream { get; } = stream;

        public long Version { get; set; }

        public RunEvent[] Pending { get; set; } = Array.Empty<RunEvent>();
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = new PostgresCluster();
        await _cluster.InitializeAsync().ConfigureAwait(false);
        var oursConnection = await _cluster.CreateDatabaseAsync("ours").ConfigureAwait(false);
        var martenConnection = await _cluster.CreateDatabaseAsync("marten").ConfigureAwait(false);
        _root = Workload.NewTempDirectory("marten");
        _ours = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = oursConnection }).ConfigureAwait(false);
        _oursLog = new TypedEventLog(_ours.Events, _ours.Objects);
        _rich = await MartenStoreAsync(martenConnection, "marten_rich", EventAppendMode.Rich, inlineSnapshot: false).ConfigureAwait(false);
        _quick = await MartenStoreAsync(martenConnection, "marten_quick", EventAppendMode.Quick, inlineSnapshot: false).ConfigureAwait(false);
        _inline = await MartenStoreAsync(martenConnection, "marten_inline", EventAppendMode.Quick, inlineSnapshot: true).ConfigureAwait(false);

        // Every appending benchmark continues a stream of its own that already exists (3 events), on both sides.
        foreach (var name in new[] { nameof(OursSingle), nameof(OursBatch) })
        {
            var writer = _writers[name] = new Writer("bench-" + name.ToLowerInvariant());
            await _oursLog.AppendAsync(writer.Stream, 0, LongRunFixture.Stamped(writer.Stream, 1, 3)).ConfigureAwait(false);
            writer.Version = 3;
        }

        foreach (var (name, store) in new[]
        {
            (nameof(MartenRichSingle), _rich), (nameof(MartenQuickSingle), _quick), (nameof(MartenInlineSnapshotSingle), _inline),
            (nameof(MartenRichBatch), _rich), (nameof(MartenQuickBatch), _quick),
        })
        {
            var writer = _writers[name] = new Writer("bench-" + name.ToLowerInvariant());
            await MartenAppendAsync(store, writer.Stream, 0, LongRunFixture.Stamped(writer.Stream, 1, 3)).ConfigureAwait(false);
            writer.Version = 3;
        }

        await MartenRefusesStaleVersionAsync(_rich).ConfigureAwait(false);
        await MartenRefusesStaleVersionAsync(_quick).ConfigureAwait(false);

        var started = DateTime.UtcNow;
        await LongRunFixture.WriteAsync(_ours, LongRun, LongEvents, SnapshotTail).ConfigureAwait(false);
        for (long first = 1; first <= LongEvents; first += 1000)
        {
            var batch = LongRunFixture.Stamped(LongRun, first, (int)Math.Min(1000, LongEvents - first + 1));
            await MartenAppendAsync(_quick, LongRun, first - 1, batch).ConfigureAwait(false);
            await MartenAppendAsync(_inline, LongRun, first - 1, batch).ConfigureAwait(false);
        }

        await CheckSetupAsync().ConfigureAwait(false);
        Console.WriteLine($"// Long stream: {LongEvents} events written to ours and two Marten stores in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
    }

    internal static async Task<DocumentStore> MartenStoreAsync(string connection, string schema, EventAppendMode mode, bool inlineSnapshot)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = mode;
            // Our events through our generated converters (the same JSON as our store writes); Marten's own documents
            // (the snapshot aggregate) through reflection.
            var json = new JsonSerializerOptions(OutputSchemaJson.Options)
            {
                TypeInfoResolver = JsonTypeInfoResolver.Combine(OutputSchemaJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
            };
            options.UseSystemTextJsonForSerialization(json);
            options.DisableNpgsqlLogging = true;
            if (inlineSnapshot)
            {
                options.Projections.Snapshot<MartenRunState>(SnapshotLifecycle.Inline);
            }
        });

        // Schema objects now, not lazily inside the first measured call.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>Appends with Marten's expected-version check (the version the stream reaches with this batch).</summary>
    internal static async Task MartenAppendAsync(DocumentStore store, string stream, long expectedBefore, IReadOnlyList<RunEvent> events)
    {
        await using var session = store.LightweightSession();
        if (expectedBefore == 0)
        {
            session.Events.StartStream(stream, LongRunFixture.AsObjects(events));
        }
        else
        {
            session.Events.Append(stream, expectedBefore + events.Count, LongRunFixture.AsObjects(events));
        }

        await session.SaveChangesAsync().ConfigureAwait(false);
    }

    /// <summary>Both sides must really check the version: a stale writer is refused, or the comparison is unfair.</summary>
    private static async Task MartenRefusesStaleVersionAsync(DocumentStore store)
    {
        const string stream = "bench-stale";
        await MartenAppendAsync(store, stream, 0, LongRunFixture.Stamped(stream, 1, 2)).ConfigureAwait(false);
        try
        {
            await MartenAppendAsync(store, stream, 1, LongRunFixture.Stamped(stream, 2, 1)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EventStreamUnexpectedMaxEventIdException || ex.GetType().Name.Contains("Concurrency", StringComparison.Ordinal))
        {
            return;
        }

        throw new InvalidOperationException("Marten accepted an append at a stale expected version: the benchmark would compare unlike things.");
    }

    private async Task CheckSetupAsync()
    {
        var oursTail = await OursReadTail().ConfigureAwait(false);
        var martenTail = await MartenReadTail().ConfigureAwait(false);
        var open = await RunSession.OpenAsync(_ours!, LongRun).ConfigureAwait(false);
        var live = await MartenLiveAggregation().ConfigureAwait(false);
        var snapshot = await MartenInlineSnapshotFetchForWriting().ConfigureAwait(false);
        if (oursTail != TailCount || martenTail != TailCount || open.LastSeq != LongEvents || open.EventsSinceSnapshot.Count != SnapshotTail
            || live != LongEvents || snapshot != LongEvents)
        {
            throw new InvalidOperationException(
                $"Setup is wrong: tails {oursTail}/{martenTail}, our open at {open.LastSeq} with {open.EventsSinceSnapshot.Count} since the snapshot, Marten live {live}, inline {snapshot}.");
        }
    }

    /// <summary>The events each appending benchmark writes next, stamped at its stream's next seqs (not measured).</summary>
    [IterationSetup]
    public void PrepareAppends()
    {
        foreach (var (name, writer) in _writers)
        {
            var count = name.EndsWith("Batch", StringComparison.Ordinal) ? BatchSize * Batches : Singles;
            writer.Pending = LongRunFixture.Stamped(writer.Stream, writer.Version + 1, count);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var store in new[] { _rich, _quick, _inline })
        {
            store?.Dispose();
        }

        if (_ours is not null)
        {
            await _ours.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        Workload.DeleteQuietly(_root);
    }

    [BenchmarkCategory("1 single append"), Benchmark(Baseline = true, OperationsPerInvoke = Singles, Description = "Ours: AppendAsync 1 event, expected seq")]
    public async Task OursSingle()
    {
        var writer = _writers[nameof(OursSingle)];
        foreach (var evt in writer.Pending)
        {
            await _oursLog!.AppendAsync(writer.Stream, writer.Version, new[] { evt }).ConfigureAwait(false);
            writer.Version++;
        }
    }

    [BenchmarkCategory("1 single append"), Benchmark(OperationsPerInvoke = Singles, Description = "Marten Rich: Append(expected) + SaveChanges")]
    public Task MartenRichSingle() => MartenSinglesAsync(_rich!, nameof(MartenRichSingle));

    [BenchmarkCategory("1 single append"), Benchmark(OperationsPerInvoke = Singles, Description = "Marten Quick: Append(expected) + SaveChanges")]
    public Task MartenQuickSingle() => MartenSinglesAsync(_quick!, nameof(MartenQuickSingle));

    [BenchmarkCategory("1 single append"), Benchmark(OperationsPerInvoke = Singles, Description = "Marten Quick + inline snapshot: Append + SaveChanges")]
    public Task MartenInlineSnapshotSingle() => MartenSinglesAsync(_inline!, nameof(MartenInlineSnapshotSingle));

    private async Task MartenSinglesAsync(DocumentStore store, string name)
    {
        var writer = _writers[name];
        foreach (var evt in writer.Pending)
        {
            await MartenAppendAsync(store, writer.Stream, writer.Version, new[] { evt }).ConfigureAwait(false);
            writer.Version++;
        }
    }

    [BenchmarkCategory("2 batch of 100"), Benchmark(Baseline = true, OperationsPerInvoke = BatchSize * Batches, Description = "Ours: AppendAsync 100 events, expected seq")]
    public async Task OursBatch()
    {
        var writer = _writers[nameof(OursBatch)];
        for (var offset = 0; offset < writer.Pending.Length; offset += BatchSize)
        {
            await _oursLog!.AppendAsync(writer.Stream, writer.Version, new ArraySegment<RunEvent>(writer.Pending, offset, BatchSize)).ConfigureAwait(false);
            writer.Version += BatchSize;
        }
    }

    [BenchmarkCategory("2 batch of 100"), Benchmark(OperationsPerInvoke = BatchSize * Batches, Description = "Marten Rich: Append(expected, 100) + SaveChanges")]
    public Task MartenRichBatch() => MartenBatchesAsync(_rich!, nameof(MartenRichBatch));

    [BenchmarkCategory("2 batch of 100"), Benchmark(OperationsPerInvoke = BatchSize * Batches, Description = "Marten Quick: Append(expected, 100) + SaveChanges")]
    public Task MartenQuickBatch() => MartenBatchesAsync(_quick!, nameof(MartenQuickBatch));

    private async Task MartenBatchesAsync(DocumentStore store, string name)
    {
        var writer = _writers[name];
        for (var offset = 0; offset < writer.Pending.Length; offset += BatchSize)
        {
            await MartenAppendAsync(store, writer.Stream, writer.Version, new ArraySegment<RunEvent>(writer.Pending, offset, BatchSize)).ConfigureAwait(false);
            writer.Version += BatchSize;
        }
    }

    [BenchmarkCategory("3 read last 100"), Benchmark(Baseline = true, OperationsPerInvoke = Reads, Description = "Ours: TypedEventLog.ReadAsync last 100, typed")]
    public async Task<int> OursReadTail()
    {
        var read = 0;
        for (var i = 0; i < Reads; i++)
        {
            read = (await _oursLog!.ReadAsync(LongRun, LongEvents - TailCount + 1, TailCount).ConfigureAwait(false)).Count;
        }

        return read;
    }

    [BenchmarkCategory("3 read last 100"), Benchmark(OperationsPerInvoke = Reads, Description = "Marten: FetchStreamAsync(fromVersion) last 100")]
    public async Task<int> MartenReadTail()
    {
        var read = 0;
        for (var i = 0; i < Reads; i++)
        {
            await using var session = _quick!.QuerySession();
            read = (await session.Events.FetchStreamAsync(LongRun, fromVersion: LongEvents - TailCount + 1).ConfigureAwait(false)).Count;
        }

        return read;
    }

    [BenchmarkCategory("4 rebuild writer state"), Benchmark(Baseline = true, OperationsPerInvoke = Reads, Description = "Ours: RunSession.OpenAsync, snapshot + 30-event tail")]
    public async Task<long> OursOpen()
    {
        long last = 0;
        for (var i = 0; i < Reads; i++)
        {
            last = (await RunSession.OpenAsync(_ours!, LongRun).ConfigureAwait(false)).LastSeq;
        }

        return last;
    }

    [BenchmarkCategory("4 rebuild writer state"), Benchmark(Description = "Marten: AggregateStreamAsync (live, whole stream)")]
    public async Task<long> MartenLiveAggregation()
    {
        await using var session = _quick!.QuerySession();
        var state = await session.Events.AggregateStreamAsync<MartenRunState>(LongRun).ConfigureAwait(false);
        return state!.Version;
    }

    [BenchmarkCategory("4 rebuild writer state"), Benchmark(OperationsPerInvoke = Reads, Description = "Marten: FetchForWriting, inline snapshot")]
    public async Task<long> MartenInlineSnapshotFetchForWriting()
    {
        long version = 0;
        for (var i = 0; i < Reads; i++)
        {
            await using var session = _inline!.LightweightSession();
            var stream = await session.Events.FetchForWriting<MartenRunState>(LongRun).ConfigureAwait(false);
            version = stream.Aggregate!.Version;
        }

        return version;
    }
}
