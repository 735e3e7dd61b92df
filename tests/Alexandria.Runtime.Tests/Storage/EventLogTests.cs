using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>The event-log contract, run against every backend.</summary>
public abstract class EventLogTests : StoreTestBase
{
    private readonly ITestOutputHelper _output;

    protected EventLogTests(StoreBackend backend, ITestOutputHelper output)
        : base(backend)
    {
        _output = output;
    }

    [Fact]
    public async Task A_new_run_has_last_seq_zero_and_no_events()
    {
        string run = NewRunId();
        Assert.Equal(0, await Store.Events.GetLastSeqAsync(run));
        Assert.Empty(await Store.Events.ReadAsync(run, 1, 100));
    }

    [Fact]
    public async Task Appends_get_gapless_sequence_numbers_starting_at_one()
    {
        string run = NewRunId();
        AppendedRange first = await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 1));
        AppendedRange second = await Store.Events.AppendAsync(run, 1, TestDocuments.Batch(2, 4));
        AppendedRange third = await Store.Events.AppendAsync(run, 5, TestDocuments.Batch(6, 20));

        Assert.Equal(new AppendedRange(1, 1), first);
        Assert.Equal(new AppendedRange(2, 5), second);
        Assert.Equal(new AppendedRange(6, 25), third);
        Assert.Equal(25, await Store.Events.GetLastSeqAsync(run));

        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, 1000);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), events.Select(e => e.Seq));
        foreach (StoredEvent e in events)
        {
            Assert.Equal(run, e.RunId);
            Assert.Equal(TestDocuments.EventJson(e.Seq), e.Json.ToArray());
            Assert.Equal(e.Seq / 3, e.StepId);
            Assert.Equal(e.Seq % 3 == 0, e.Counted);
            Assert.Equal("plan_delta", e.Kind);
            Assert.Equal(TestDocuments.Epoch.AddMilliseconds(e.Seq), e.OccurredAt);
        }
    }

    /// <summary>
    /// PostgreSQL appends a batch as one statement below <see cref="Alexandria.Runtime.Storage.Postgres.PostgresEventLog.CopyThreshold"/>
    /// events and through BEGIN/COPY/COMMIT from it on: the expected-seq check must hold on both paths.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(Alexandria.Runtime.Storage.Postgres.PostgresEventLog.CopyThreshold + 1)]
    public async Task A_stale_batch_of_any_size_is_refused_and_a_current_one_lands(int size)
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));

        var stale = await Assert.ThrowsAsync<SequenceConflictException>(() => Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, size, "loser")));
        Assert.Equal(3, stale.ActualLastSeq);
        Assert.Equal(3, await Store.Events.GetLastSeqAsync(run));

        Assert.Equal(new AppendedRange(4, 3 + size), await Store.Events.AppendAsync(run, 3, TestDocuments.Batch(4, size)));
        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, size + 10);
        Assert.Equal(Enumerable.Range(1, 3 + size).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.DoesNotContain(events, e => TestDocuments.Text(e.Json).Contains("loser", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conflicting_append_throws_the_typed_error_and_writes_nothing()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));

        var stale = await Assert.ThrowsAsync<SequenceConflictException>(
            () => Store.Events.AppendAsync(run, 1, TestDocuments.Batch(2, 5, "loser")));
        Assert.Equal(run, stale.RunId);
        Assert.Equal(1, stale.ExpectedLastSeq);
        Assert.Equal(3, stale.ActualLastSeq);

        var ahead = await Assert.ThrowsAsync<SequenceConflictException>(
            () => Store.Events.AppendAsync(run, 7, TestDocuments.Batch(8, 2, "loser")));
        Assert.Equal(3, ahead.ActualLastSeq);

        var fresh = await Assert.ThrowsAsync<SequenceConflictException>(
            () => Store.Events.AppendAsync(NewRunId(), 4, TestDocuments.Batch(5, 1, "loser")));
        Assert.Equal(0, fresh.ActualLastSeq);

        Assert.Equal(3, await Store.Events.GetLastSeqAsync(run));
        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, 100);
        Assert.Equal(3, events.Count);
        Assert.DoesNotContain(events, e => TestDocuments.Text(e.Json).Contains("loser", StringComparison.Ordinal));

        await Store.Events.AppendAsync(run, 3, TestDocuments.Batch(4, 1));
        Assert.Equal(4, await Store.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task Reads_return_the_requested_range_in_order()
    {
        string run = NewRunId();
        for (long seq = 1; seq <= 50; seq += 10)
        {
            await Store.Events.AppendAsync(run, seq - 1, TestDocuments.Batch(seq, 10));
        }

        Assert.Equal(new long[] { 7, 8, 9, 10, 11, 12 }, (await Store.Events.ReadAsync(run, 7, 6)).Select(e => e.Seq));
        Assert.Equal(new long[] { 48, 49, 50 }, (await Store.Events.ReadAsync(run, 48, 10)).Select(e => e.Seq));
        Assert.Equal(new long[] { 1, 2 }, (await Store.Events.ReadAsync(run, 0, 2)).Select(e => e.Seq));
        Assert.Empty(await Store.Events.ReadAsync(run, 51, 10));
        Assert.Empty(await Store.Events.ReadAsync(run, 1, 0));
        Assert.Equal(TestDocuments.EventJson(31), (await Store.Events.ReadAsync(run, 31, 1))[0].Json.ToArray());
    }

    [Fact]
    public async Task A_large_batch_round_trips_byte_for_byte()
    {
        string run = NewRunId();
        var batch = Enumerable.Range(1, 10_000)
            .Select(i => new EventToAppend(i, i % 2 == 0 ? "act" : "tool_call_chunk", i % 2 == 0, TestDocuments.Epoch.AddTicks(i * 10), TestDocuments.EventJson(i, "ünïcødé ✓", i % 50)))
            .ToList();
        await Store.Events.AppendAsync(run, 0, batch.Take(10).ToList());
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Store.Events.AppendAsync(run, 10, batch.Skip(10).ToList());
        _output.WriteLine($"one batch of {batch.Count - 10} events appended in {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, 20_000);
        _output.WriteLine($"{events.Count} events read in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(10_000, events.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            Assert.Equal(batch[i].Json.ToArray(), events[i].Json.ToArray());
            Assert.Equal(batch[i].Kind, events[i].Kind);
            Assert.Equal(batch[i].OccurredAt, events[i].OccurredAt);
        }
    }

    [Fact]
    public async Task Timestamps_come_back_in_utc_truncated_to_microseconds()
    {
        string run = NewRunId();
        var local = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await Store.Events.AppendAsync(run, 0, new[] { new EventToAppend(0, "plan", true, local, TestDocuments.EventJson(1)) });

        StoredEvent stored = (await Store.Events.ReadAsync(run, 1, 1))[0];
        Assert.Equal(TimeSpan.Zero, stored.OccurredAt.Offset);
        Assert.Equal(local.UtcTicks - 7, stored.OccurredAt.UtcTicks);
    }

    [Fact]
    public async Task Eight_concurrent_writers_append_ten_thousand_events_without_gap_or_duplicate()
    {
        const int writers = 8;
        const int perWriter = 1_250;
        const int batchSize = 10;
        string run = NewRunId();

        async Task WriteAsync(int writer)
        {
            for (int next = 0; next < perWriter; next += batchSize)
            {
                long expected = await Store.Events.GetLastSeqAsync(run);
                while (true)
                {
                    var batch = Enumerable.Range(next, batchSize)
                        .Select(n => new EventToAppend(writer, "token_usage", false, TestDocuments.Epoch, System.Text.Encoding.UTF8.GetBytes($"{{\"writer\":{writer},\"n\":{n}}}")))
                        .ToList();
                    try
                    {
                        await Store.Events.AppendAsync(run, expected, batch);
                        break;
                    }
                    catch (SequenceConflictException conflict)
                    {
                        expected = conflict.ActualLastSeq;
                    }
                }
            }
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))));
        _output.WriteLine($"{writers} writers appended {writers * perWriter} events in {stopwatch.ElapsedMilliseconds} ms");

        IReadOnlyList<StoredEvent> events = await Store.Events.ReadAsync(run, 1, 20_000);
        Assert.Equal(writers * perWriter, events.Count);
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), events.Select(e => e.Seq));
        var seen = new HashSet<(int, int)>();
        var lastPerWriter = new int[writers];
        Array.Fill(lastPerWriter, -1);
        foreach (StoredEvent e in events)
        {
            using JsonDocument document = JsonDocument.Parse(e.Json);
            int writer = document.RootElement.GetProperty("writer").GetInt32();
            int n = document.RootElement.GetProperty("n").GetInt32();
            Assert.True(seen.Add((writer, n)), $"duplicate event {writer}/{n}");
            Assert.Equal(lastPerWriter[writer] + 1, n);
            lastPerWriter[writer] = n;
        }
    }

    [Fact]
    public async Task Two_store_instances_see_each_others_appends_and_conflicts()
    {
        string run = NewRunId();
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        Assert.Equal(2, await other.Events.GetLastSeqAsync(run));

        await other.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 2));
        var conflict = await Assert.ThrowsAsync<SequenceConflictException>(() => Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 1)));
        Assert.Equal(4, conflict.ActualLastSeq);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, (await Store.Events.ReadAsync(run, 1, 10)).Select(e => e.Seq));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc")]
    [InlineData("a\\b")]
    [InlineData("run\0id")]
    [InlineData("..")]
    [InlineData("Run-Upper")]
    [InlineData("")]
    public async Task Unsafe_run_ids_are_rejected_before_anything_is_written(string runId)
    {
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Events.AppendAsync(runId, 0, TestDocuments.Batch(1, 1)));
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Events.ReadAsync(runId, 1, 1));
        Assert.False(System.IO.Directory.Exists(System.IO.Path.Combine(Root, "etc")));
        Assert.False(System.IO.Directory.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Root)!, "escape")));
    }

    [Fact]
    public async Task An_empty_batch_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Events.AppendAsync(NewRunId(), 0, Array.Empty<EventToAppend>()));
    }
}

public sealed class FileSystemEventLogTests : EventLogTests
{
    public FileSystemEventLogTests(ITestOutputHelper output)
        : base(StoreBackend.FileSystem, output)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventLogTests : EventLogTests
{
    public PostgresEventLogTests(PostgresCluster cluster, ITestOutputHelper output)
        : base(StoreBackend.Postgres(cluster), output)
    {
    }
}
