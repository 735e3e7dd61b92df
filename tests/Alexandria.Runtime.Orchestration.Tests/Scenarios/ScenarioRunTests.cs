using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Scenarios;
using Alexandria.Runtime.Storage;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Runtime.Orchestration.Tests.Scenarios;

public sealed class ScenarioRunTests
{
    [Fact]
    public async Task Research_scenario_runs_end_to_end_on_the_filesystem_store_and_replays()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var result = await ScenarioRuns.PlayAsync(temp.Store, "research-long.json", "research");

        Assert.Equal(5, result.Compactions.Count);
        Assert.All(result.Compactions, c => Assert.True(c.Written, string.Join("\n", c.Verdict.Violations)));
        Assert.All(result.Compactions, c => Assert.Equal(ContractTrigger.EventThreshold, c.Trigger));
        Assert.All(result.Compactions, c => Assert.Equal(18, c.Snapshot!.CountedEvents));
        Assert.True(result.LoopSignals >= 1);

        var report = await new SnapshotReplayer(temp.Store).VerifyAsync("research");
        Assert.True(report.Verified, string.Join("\n", report.Mismatches));
        Assert.Equal(5, report.SnapshotsChecked);

        await ScenarioRuns.AssertRunShapeAsync(temp.Store, "research");
    }

    [Fact]
    public async Task Fallback_scenario_compacts_by_the_step_fallback()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var result = await ScenarioRuns.PlayAsync(temp.Store, "fallback-steps.json", "fallback");

        Assert.Equal(2, result.Compactions.Count);
        Assert.All(result.Compactions, c => Assert.Equal(ContractTrigger.StepFallback, c.Trigger));
        Assert.All(result.Compactions, c => Assert.True(c.Snapshot!.CountedEvents < 18));
        Assert.All(result.Compactions, c => Assert.Equal(7, c.Snapshot!.CoveredSteps.Last - c.Snapshot.CoveredSteps.First));
        Assert.True((await new SnapshotReplayer(temp.Store).VerifyAsync("fallback")).Verified);
    }

    [Fact]
    public async Task Same_scenario_played_twice_writes_identical_events_and_snapshots()
    {
        await using var first = await TemporaryStore.CreateAsync();
        await using var second = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(first.Store, "research-long.json", "twice");
        await ScenarioRuns.PlayAsync(second.Store, "research-long.json", "twice");

        var a = await first.Store.Events.ReadAsync("twice", 1, 10_000);
        var b = await second.Store.Events.ReadAsync("twice", 1, 10_000);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.True(a[i].Json.Span.SequenceEqual(b[i].Json.Span), $"event {a[i].Seq} differs");
        }

        var sa = await first.Store.Snapshots.GetHistoryAsync("twice");
        var sb = await second.Store.Snapshots.GetHistoryAsync("twice");
        Assert.Equal(sa.Select(s => Convert.ToHexString(s.Json.Span)), sb.Select(s => Convert.ToHexString(s.Json.Span)));
    }

    [Fact]
    public async Task Tool_result_over_64_KiB_is_kept_in_the_object_store_behind_a_blob_pointer()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(temp.Store, "research-long.json", "blob");

        var events = await new TypedEventLog(temp.Store.Events, temp.Store.Objects).ReadAsync("blob", 1, 10_000);
        Assert.All(events, e => Assert.True(e.Stored.Json.Length <= 64 * 1024));
        var large = events.OfKind<ObserveEvent>().Single(o => o.Payload.ResultPointer is { SizeBytes: > 64 * 1024 });
        var bytes = await temp.Store.Objects.ReadAsync("blob", large.Payload.ResultPointer!.Sha256);
        Assert.Equal(large.Payload.ResultPointer.SizeBytes, bytes.Length);
        Assert.StartsWith("append batch=1000", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_reader_names_the_pointer_of_a_bad_value()
    {
        var json = """
            {"scenario_version":1,"name":"bad","objective":"o","tools":[{"name":"t"}],
             "steps":[{"description":"d","act":{"tool":"nope"},"result":{}}]}
            """;

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("/steps/0/act/tool", error.Pointer);
    }
}

/// <summary>Plays shipped scenarios and checks what any run must look like in the store.</summary>
public static class ScenarioRuns
{
    public static async Task<ScenarioRunResult> PlayAsync(IRuntimeStore store, string scenarioFile, string runId)
    {
        var scenario = await ScenarioReader.ReadAsync(RepositoryPaths.Scenario(scenarioFile));
        var options = new RunSessionOptions { Clock = new ScriptedClock(scenario.Clock!.Start, scenario.Clock.Tick) };
        var session = await RunSession.OpenAsync(store, runId, options);
        return await new ScenarioRunner(session, scenario).RunAsync();
    }

    /// <summary>Gapless seqs from 1, counted exactly for plan/act/observe, snapshots chained and covering contiguous ranges.</summary>
    public static async Task AssertRunShapeAsync(IRuntimeStore store, string runId)
    {
        var events = await new TypedEventLog(store.Events, store.Objects).ReadAsync(runId, 1, 10_000);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal(e.Event is PlanEvent or ActEvent or ObserveEvent, e.Stored.Counted));

        var history = await store.Snapshots.GetHistoryAsync(runId);
        Guid? parent = null;
        long next = 1;
        foreach (var stored in history)
        {
            var snapshot = StoredDocuments.ReadSnapshot(stored);
            Assert.Equal(parent, snapshot.ParentSnapshotId);
            Assert.Equal(next, snapshot.CoveredSeq.First);
            parent = snapshot.SnapshotId;
            next = snapshot.CoveredSeq.Last + 1;
        }

        Assert.Equal(parent, (await store.Snapshots.GetLatestAsync(runId))?.SnapshotId);
    }
}

public sealed class ReplayEvidenceTests
{
    [Fact]
    public async Task Replay_reads_every_cited_evidence_artifact_and_reports_a_flipped_byte_at_the_citing_pointer()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(temp.Store, "research-long.json", "evidence");
        var latest = await temp.Store.Snapshots.GetLatestAsync("evidence");
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<CompactionSnapshot>(latest!.Json.Span, Alexandria.Contracts.OutputSchemaJson.Options)!;
        var cited = snapshot.Findings.SelectMany(f => f.Evidence).First();
        var artifact = (await temp.Store.Artifacts.FindByRunAsync("evidence")).First(a =>
            Encoding.UTF8.GetString(a.Metadata.Span).Contains($"\"{cited.ChunkId}\"", StringComparison.Ordinal));
        var file = System.IO.Path.Combine(temp.Directory, FileSystemObjectStore.GetObjectPath("evidence", artifact.Hash));
        var bytes = await System.IO.File.ReadAllBytesAsync(file);
        bytes[0] ^= 0x20;
        await System.IO.File.WriteAllBytesAsync(file, bytes);

        var report = await new SnapshotReplayer(temp.Store).VerifyAsync("evidence");

        Assert.False(report.Verified);
        Assert.Contains(report.Mismatches, m => m.Pointer.StartsWith("/findings/", StringComparison.Ordinal)
            && m.Reason.Contains(artifact.ArtifactId.ToString(), StringComparison.Ordinal));
    }
}
