using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Orchestration.Tests.Events;

/// <summary>
/// Opening a run reads the latest snapshot and the tail, not the log (issue 15 item 5), and a session resumed that
/// way goes on exactly as one that never stopped: same loop state, same snapshots, a replay that verifies.
/// </summary>
public static class SessionResume
{
    /// <summary>Steps that loop, fail, choose an override and observe calls announced long before.</summary>
    public static async Task PlayLoopyStepAsync(RunSession session, long step)
    {
        var looping = step % 7 is 3 or 4 or 5;
        await session.AppendAsync(Drafts.Plan(step, chosen: step % 7 == 5 ? LoopOverride.ChangeTool : null));
        await session.AppendAsync(Drafts.Act(step, query: looping ? "same" : null));
        var status = step % 4 == 1 ? ObserveStatus.Error : step % 5 == 2 ? ObserveStatus.Empty : ObserveStatus.Ok;
        await session.AppendAsync(Drafts.Observe(step, status));
        if (step >= 10 && step % 6 == 0)
        {
            // A late observation of a call announced steps (and snapshots) ago.
            var late = Drafts.Observe(step - 9, ObserveStatus.Error);
            await session.AppendAsync(late with { StepId = step, Payload = late.Payload with { Summary = "late answer" } });
        }

        await session.EndStepAsync();
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, OutputSchemaJson.Options);

    public static async Task AssertOpenReadsTheTailOnlyAsync(IRuntimeStore store, string runId, int steps)
    {
        var session = await RunSession.OpenAsync(store, runId, Drafts.ScriptedOptions());
        for (var step = 0; step < steps; step++)
        {
            await Drafts.CompleteStepAsync(session, step, withEvidence: false);
        }

        var counting = new CountingStore(store);
        var reopened = await RunSession.OpenAsync(counting, runId, Drafts.ScriptedOptions());

        Assert.NotNull(reopened.Latest);
        Assert.Equal(session.LastSeq, reopened.LastSeq);
        var tail = reopened.LastSeq - reopened.Latest!.CoveredSeq.Last;
        Assert.Equal(tail, reopened.EventsSinceSnapshot.Count);
        // The tail plus the first backward page for the loop state; the log is steps * 3 events and more.
        Assert.InRange(counting.EventsRead, tail, tail + 32);
        Assert.Equal(session.Loop.RecentCallHashes, reopened.Loop.RecentCallHashes);
    }

    public static async Task AssertResumedSessionMatchesContinuousAsync(IRuntimeStore store, string prefix)
    {
        var continuousId = prefix + "-continuous";
        var resumedId = prefix + "-resumed";
        var continuous = await RunSession.OpenAsync(store, continuousId, Drafts.ScriptedOptions());
        var resumedOptions = Drafts.ScriptedOptions();
        RunSession? resumed = null;
        for (var step = 0; step < 40; step++)
        {
            await PlayLoopyStepAsync(continuous, step);
            // Reopened every other step: some compactions then fold a late observation the resumed session itself appended.
            resumed = step % 2 == 0 ? await RunSession.OpenAsync(store, resumedId, resumedOptions) : resumed!;
            await PlayLoopyStepAsync(resumed, step);
        }

        // Both end with a step that observes a call announced before their latest snapshot, compacted at once.
        var last = await RunSession.OpenAsync(store, resumedId, resumedOptions);
        foreach (var session in new[] { continuous, last })
        {
            await session.CompactAsync(Alexandria.Contracts.CompactionTrigger.Manual);
            var late = Drafts.Observe(33, ObserveStatus.Error);
            await session.AppendAsync(late with { StepId = 41, Payload = late.Payload with { Summary = "very late answer" } });
            await session.CompactAsync(Alexandria.Contracts.CompactionTrigger.Manual);
        }

        Assert.Equal(continuous.LastSeq, last.LastSeq);
        Assert.Equal(continuous.Loop.RecentCallHashes, last.Loop.RecentCallHashes);
        Assert.Equal(continuous.Loop.ConsecutiveIdenticalCalls, last.Loop.ConsecutiveIdenticalCalls);
        Assert.Equal(continuous.Loop.IdenticalActionObservationPairs, last.Loop.IdenticalActionObservationPairs);
        Assert.Equal(continuous.Loop.FailingIdenticalActions, last.Loop.FailingIdenticalActions);
        Assert.Equal(continuous.Loop.ActiveOverride, last.Loop.ActiveOverride);

        var expected = await store.Snapshots.GetHistoryAsync(continuousId);
        var actual = await store.Snapshots.GetHistoryAsync(resumedId);
        Assert.True(expected.Count >= 4, $"only {expected.Count} snapshots");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = ContractJson.DeserializeSnapshot(expected[i].Json.Span);
            var got = ContractJson.DeserializeSnapshot(actual[i].Json.Span);
            Assert.Equal(Json(want.LoopDetection), Json(got.LoopDetection));
            Assert.Equal(want.OpenQuestions, got.OpenQuestions);
            Assert.Equal(want.ToolUsage.Select(Json), got.ToolUsage.Select(Json));
            Assert.Equal(want.CoveredSeq, got.CoveredSeq);
        }

        var report = await new SnapshotReplayer(store).VerifyAsync(resumedId);
        Assert.True(report.Verified, string.Join("\n", report.Mismatches));
    }
}

public sealed class FileSystemSessionResumeTests
{
    [Fact]
    public async Task Opening_a_long_run_reads_the_tail_after_the_latest_snapshot_only()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await SessionResume.AssertOpenReadsTheTailOnlyAsync(temp.Store, "long", 150);
    }

    [Fact]
    public async Task A_session_reopened_at_every_step_writes_the_snapshots_a_continuous_one_writes()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await SessionResume.AssertResumedSessionMatchesContinuousAsync(temp.Store, "fs");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionResumeTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("alx-orch-resume-").FullName;
    private IRuntimeStore _store = null!;

    public async Task InitializeAsync()
    {
        var database = await cluster.DatabaseForAsync(GetType());
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = database });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public Task Opening_a_long_run_reads_the_tail_after_the_latest_snapshot_only()
        => SessionResume.AssertOpenReadsTheTailOnlyAsync(_store, "long", 150);

    [Fact]
    public Task A_session_reopened_at_every_step_writes_the_snapshots_a_continuous_one_writes()
        => SessionResume.AssertResumedSessionMatchesContinuousAsync(_store, "pg");
}
