using System;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Npgsql;
using NpgsqlTypes;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// Append throughput on PostgreSQL. Every benchmark writes the same 1,000 pre-serialized,
/// contract-valid event rows per invocation (so Mean is time per event and Ratio compares
/// throughput directly): one <see cref="IEventLog.AppendAsync"/> per event, per 100 events, per
/// 1,000 events, and — the floor — one raw Npgsql binary COPY of the same rows into a table
/// created <c>LIKE events INCLUDING ALL</c> (same columns, keys and checks, no head bookkeeping).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 12)]
public class AppendBenchmarks
{
    private const int EventsPerInvocation = 1000;

    private PostgresCluster? _cluster;
    private string? _root;
    private IRuntimeStore? _store;
    private NpgsqlDataSource? _raw;
    private EventToAppend[] _rows = Array.Empty<EventToAppend>();
    private string[] _inline = Array.Empty<string>();
    private long _lastSeq;
    private string _runId = "";
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = new PostgresCluster();
        await _cluster.InitializeAsync().ConfigureAwait(false);
        var connection = await _cluster.CreateDatabaseAsync("append").ConfigureAwait(false);
        _root = Workload.NewTempDirectory("append");
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = connection }).ConfigureAwait(false);
        _rows = Workload.StorageRows("bench-append", EventsPerInvocation);
        _inline = Array.ConvertAll(_rows, r => System.Text.Encoding.UTF8.GetString(r.Json.Span));
        _raw = NpgsqlDataSource.Create(connection);
        await using var create = _raw.CreateCommand("CREATE TABLE events_raw (LIKE events INCLUDING ALL)");
        await create.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Each iteration writes to a fresh run, so every case starts from an empty log.</summary>
    [IterationSetup]
    public void NewRun()
    {
        _round++;
        _runId = "bench-" + _round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _lastSeq = 0;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_raw is not null)
        {
            await _raw.DisposeAsync().ConfigureAwait(false);
        }

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

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation, Description = "Raw Npgsql binary COPY x1000 (floor)")]
    public async Task RawCopy()
    {
        await using var connection = await _raw!.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY events_raw (run_id, seq, step_id, kind, counted, occurred_at, payload, payload_sha256, payload_size) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false))
        {
            for (var i = 0; i < _rows.Length; i++)
            {
                var e = _rows[i];
                await importer.StartRowAsync().ConfigureAwait(false);
                await importer.WriteAsync(_runId, NpgsqlDbType.Text).ConfigureAwait(false);
                await importer.WriteAsync(_lastSeq + 1 + i, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await importer.WriteAsync(e.StepId, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await importer.WriteAsync(e.Kind, NpgsqlDbType.Text).ConfigureAwait(false);
                await importer.WriteAsync(e.Counted, NpgsqlDbType.Boolean).ConfigureAwait(false);
                await importer.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                await importer.WriteAsync(_inline[i], NpgsqlDbType.Json).ConfigureAwait(false);
                await importer.WriteNullAsync().ConfigureAwait(false);
                await importer.WriteAsync(e.Json.Length, NpgsqlDbType.Integer).ConfigureAwait(false);
            }

            await importer.CompleteAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        _lastSeq += _rows.Length;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "AppendAsync batch of 1000")]
    public Task Batch1000() => AppendInBatchesAsync(1000);

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "AppendAsync batches of 100")]
    public Task Batch100() => AppendInBatchesAsync(100);

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "AppendAsync single events")]
    public Task Single() => AppendInBatchesAsync(1);

    private async Task AppendInBatchesAsync(int batchSize)
    {
        var events = _store!.Events;
        for (var offset = 0; offset < _rows.Length; offset += batchSize)
        {
            var batch = new ArraySegment<EventToAppend>(_rows, offset, batchSize);
            var range = await events.AppendAsync(_runId, _lastSeq, batch).ConfigureAwait(false);
            _lastSeq = range.LastSeq;
        }
    }
}
