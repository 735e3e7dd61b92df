using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Events;

/// <summary>
/// An append serializes its events into one rented array and only lends it to the store for the call
/// (<see cref="TypedEventLog.PrepareLent"/>); the session keeps no reference to it. What a reader gets afterwards — the
/// window's JSON, lent or copied — is exactly what the log holds, however many batches reused the pool since, on one
/// thread or on many.
/// </summary>
public sealed class LentEventBytesTests
{
    [Fact]
    public async Task Window_json_is_the_logs_bytes_after_the_pool_was_reused_by_later_batches()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temporary.Store, "run-1", Drafts.ScriptedOptions(new CompactionPolicy { EventThreshold = 1000, StepFallback = 1000 }));
        var copiesTakenEarly = new List<byte[]>();
        for (var step = 1; step <= 12; step++)
        {
            await session.AppendAsync(new RunEvent[] { Drafts.TokenUsage(step), Drafts.Plan(step) });
            await session.AppendAsync(Drafts.Act(step, query: new string('q', step * 40)));
            await session.AppendAsync(Drafts.Observe(step, summary: $"step {step} " + new string('s', step * 90)));
            copiesTakenEarly.Add(session.EventJsonSinceSnapshot[^1].ToArray());
        }

        var logged = await session.Log.ReadAsync("run-1", 1, 1000);
        Assert.Equal(logged.Count, session.EventsSinceSnapshot.Count);
        for (var i = 0; i < logged.Count; i++)
        {
            var stored = logged[i].Stored.Json.ToArray();
            Assert.Equal(stored, session.EventJsonSinceSnapshot[i].ToArray());
            Assert.Equal(stored, session.UseEventJson(i, json => json.ToArray()));
            Assert.Equal(stored, ContractJson.Serialize(session.EventsSinceSnapshot[i]));
        }

        // A copy handed out before twelve more batches went through the pool is still the observation it was.
        var observations = logged.Where(e => e.Event is ObserveEvent).Select(e => e.Stored.Json.ToArray()).ToList();
        Assert.Equal(observations, copiesTakenEarly);
    }

    [Fact]
    public async Task A_nested_use_gets_its_own_buffer()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temporary.Store, "run-1", Drafts.ScriptedOptions());
        await session.AppendAsync(new RunEvent[] { Drafts.Plan(1), Drafts.Act(1, query: "outer"), Drafts.Observe(1, summary: "inner") });

        var (outer, inner) = session.UseEventJson(1, first =>
        {
            var nested = session.UseEventJson(2, second => second.ToArray());
            // The outer lend is untouched by the nested one.
            return (first.ToArray(), nested);
        });

        var logged = await session.Log.ReadAsync("run-1", 1, 10);
        Assert.Equal(logged[1].Stored.Json.ToArray(), outer);
        Assert.Equal(logged[2].Stored.Json.ToArray(), inner);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.UseEventJson(3, json => json.Length));
    }

    [Fact]
    public async Task The_store_reads_the_validated_documents_during_the_call_and_a_failed_append_lends_nothing_further()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var capturing = new CapturingLog(temporary.Store.Events);
        var log = new TypedEventLog(capturing, temporary.Store.Objects);
        var events = new RunEvent[]
        {
            Drafts.Plan(1) with { RunId = "run-1", Seq = 1, EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UnixEpoch },
            Drafts.TokenUsage(1) with { RunId = "run-1", Seq = 2, EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UnixEpoch },
        };

        await log.AppendAsync("run-1", 0, events);

        // What the store saw during the call is each event's converter bytes, and what it wrote is the same.
        Assert.Equal(events.Select(e => e.ToUtf8Json()), capturing.SeenDuringCall);
        Assert.Equal(events.Select(e => e.ToUtf8Json()), (await temporary.Store.Events.ReadAsync("run-1", 1, 10)).Select(e => e.Json.ToArray()));

        // A conflicting batch throws from the store; the next append still writes its own bytes.
        await Assert.ThrowsAsync<SequenceConflictException>(() => log.AppendAsync("run-1", 0, events));
        var third = Drafts.Act(2) with { RunId = "run-1", Seq = 3, EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UnixEpoch };
        await log.AppendAsync("run-1", 2, new RunEvent[] { third });
        Assert.Equal(third.ToUtf8Json(), (await temporary.Store.Events.ReadAsync("run-1", 3, 1))[0].Json.ToArray());
    }

    [Fact]
    public async Task Runs_appending_on_parallel_threads_each_log_their_own_documents()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var runs = Enumerable.Range(1, 8).Select(r => $"run-{r}").ToArray();
        await Task.WhenAll(runs.Select(runId => Task.Run(async () =>
        {
            var session = await RunSession.OpenAsync(temporary.Store, runId, Drafts.ScriptedOptions(new CompactionPolicy { EventThreshold = 1000, StepFallback = 1000 }));
            for (var step = 1; step <= 20; step++)
            {
                await session.AppendAsync(new RunEvent[] { Drafts.TokenUsage(step), Drafts.Plan(step), Drafts.Act(step, query: runId + new string('x', step)) });
                await session.AppendAsync(Drafts.Observe(step, summary: runId + " " + step));
            }

            var logged = await session.Log.ReadAsync(runId, 1, 1000);
            Assert.Equal(80, logged.Count);
            for (var i = 0; i < logged.Count; i++)
            {
                Assert.Equal(runId, logged[i].Event.RunId);
                Assert.Equal(logged[i].Stored.Json.ToArray(), session.UseEventJson(i, json => json.ToArray()));
            }
        })));
    }

    [Fact]
    public void Lent_json_is_the_converters_bytes_and_two_lends_do_not_share_an_array()
    {
        RunEvent plan = Drafts.Plan(1);
        RunEvent observe = Drafts.Observe(2, summary: new string('o', 5000));
        using var first = LentJson.Serialize(plan);
        using var second = LentJson.Serialize(observe);

        Assert.Equal(plan.ToUtf8Json(), first.Memory.ToArray());
        Assert.Equal(observe.ToUtf8Json(), second.Memory.ToArray());

        var copy = first.Memory.ToArray();
        var disposed = LentJson.Serialize(observe);
        disposed.Dispose();
        disposed.Dispose();
        Assert.True(disposed.Memory.IsEmpty);
        Assert.Equal(copy, first.Memory.ToArray());
    }

    [Fact]
    public async Task The_latest_snapshots_bytes_are_the_converters_bytes_of_the_snapshot()
    {
        await using var temporary = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temporary.Store, "run-1", Drafts.ScriptedOptions(new CompactionPolicy { EventThreshold = 6, StepFallback = 50 }));
        for (var step = 1; step <= 4; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        Assert.NotNull(session.Latest);
        Assert.Equal(session.Latest!.ToUtf8Json(), session.LatestJson.ToArray());
        var stored = await temporary.Store.Snapshots.GetLatestAsync("run-1");
        Assert.Equal(stored!.Json.ToArray(), session.LatestJson.ToArray());
    }

    /// <summary>An event log that copies what it is lent during the call, as every store must, then writes through.</summary>
    private sealed class CapturingLog(IEventLog inner) : IEventLog
    {
        public List<byte[]> SeenDuringCall { get; } = new();

        public Task<AppendedRange> AppendAsync(string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
        {
            SeenDuringCall.Clear();
            SeenDuringCall.AddRange(events.Select(e => e.Json.ToArray()));
            return inner.AppendAsync(runId, expectedLastSeq, events, cancellationToken);
        }

        public Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
            => inner.ReadAsync(runId, fromSeq, maxCount, cancellationToken);

        public Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
            => inner.GetLastSeqAsync(runId, cancellationToken);
    }
}
