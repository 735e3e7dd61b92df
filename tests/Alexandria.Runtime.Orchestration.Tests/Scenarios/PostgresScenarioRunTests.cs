using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Orchestration.Tests.Scenarios;

/// <summary>The same runs on PostgreSQL (the storage tests' throwaway cluster), never a mock.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresScenarioRunTests : IAsyncLifetime
{
    private readonly PostgresCluster _cluster;
    private readonly string _root = Directory.CreateTempSubdirectory("alx-orch-pg-").FullName;
    private IRuntimeStore _store = null!;

    public PostgresScenarioRunTests(PostgresCluster cluster)
    {
        _cluster = cluster;
    }

    public async Task InitializeAsync()
    {
        var database = await _cluster.DatabaseForAsync(GetType());
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root, PostgresConnectionString = database });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Research_scenario_runs_end_to_end_on_postgres_and_replays()
    {
        var result = await ScenarioRuns.PlayAsync(_store, "research-long.json", "pg-research");

        Assert.Equal(RuntimeStoreBackend.Postgres, _store.Backend);
        Assert.Equal(5, result.Compactions.Count(c => c.Written));
        var report = await new SnapshotReplayer(_store).VerifyAsync("pg-research");
        Assert.True(report.Verified, string.Join("\n", report.Mismatches));
        await ScenarioRuns.AssertRunShapeAsync(_store, "pg-research");
    }

    [Fact]
    public async Task Fallback_scenario_compacts_by_the_step_fallback_on_postgres()
    {
        var result = await ScenarioRuns.PlayAsync(_store, "fallback-steps.json", "pg-fallback");

        Assert.Equal(2, result.Compactions.Count);
        Assert.All(result.Compactions, c => Assert.Equal(Contracts.CompactionTrigger.StepFallback, c.Trigger));
        Assert.True((await new SnapshotReplayer(_store).VerifyAsync("pg-fallback")).Verified);
    }

    [Fact]
    public async Task Snapshot_with_dangling_evidence_pointer_writes_nothing_on_postgres()
    {
        var session = await RunSession.OpenAsync(_store, "pg-dangling", Drafts.ScriptedOptions());
        for (var step = 0; step < 5; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        await session.AppendAsync(Drafts.Plan(5));
        await session.AppendAsync(Drafts.Act(5));
        await session.AppendAsync(Drafts.Observe(5, evidence: [Drafts.Pointer("docs/missing.md", "c1", 0, 1)]));
        var outcome = await session.EndStepAsync();

        Assert.False(outcome!.Written);
        Assert.Empty(await _store.Snapshots.GetHistoryAsync("pg-dangling"));
        Assert.Null(await _store.Snapshots.GetLatestAsync("pg-dangling"));
        var last = (await session.Log.ReadAsync("pg-dangling", session.LastSeq, 1)).Single();
        Assert.IsType<CompactionRejectedEvent>(last.Event);
    }
}
