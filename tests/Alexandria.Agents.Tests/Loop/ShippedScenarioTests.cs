using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Contracts;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;

namespace Alexandria.Agents.Tests.Loop;

/// <summary>The offline scenario the main job runs (scenarios/agent-research.json over samples/research-docs), as shipped.</summary>
public sealed class ShippedScenarioTests
{
    internal static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Shipped");

    internal static AgentOptions Options(ModelScript script) => new()
    {
        Session = new RunSessionOptions
        {
            Compaction = new CompactionPolicy { EventThreshold = 9 },
            Clock = new ScriptedClock(script.ClockStart!.Value, script.ClockTick),
        },
    };

    [Fact]
    public async Task The_shipped_scenario_shows_every_guardrail_and_ends_with_an_answer_whose_citations_resolve()
    {
        var script = await ModelScriptFile.ReadAsync(Path.Combine(Folder, "agent-research.json"));
        await using var store = await TemporaryStore.CreateAsync();
        var client = new ScriptedChatClient(script);
        var runner = new AgentRunner(store.Store, client, AgentRunner.ResearchTools(FolderDocumentIndex.Build(Path.Combine(Folder, "research-docs"))), Options(script));

        var result = await runner.RunAsync("agent-research", script.Objective!);

        Assert.True(result.Status == AgentRunStatus.Completed, result.Message);
        Assert.Equal(0, client.TurnsLeft);
        Assert.True(result.Usage.Repairs >= 1);
        Assert.True(result.OverridesChosen >= 1);
        Assert.True(result.Compactions.Count(c => c.Written) >= 2);

        var log = new TypedEventLog(store.Store.Events, store.Store.Objects);
        var events = await log.ReadRangeAsync("agent-research").Select(e => e.Event).ToListAsync();
        var outcomes = events.OfType<GuardrailTriggeredEvent>().Select(g => g.Payload.Outcome).ToList();
        Assert.Contains(outcomes, o => o is ToolIoCappedOutcome);
        Assert.Contains(outcomes, o => o is ZeroResultOutcome);
        Assert.Contains(outcomes, o => o is LoopDetectedOutcome);
        Assert.Contains(events.OfType<ObserveEvent>(), o => o.Payload.Pagination is { Truncated: true });
        Assert.Contains(events.OfType<RepairAttemptedEvent>(), r => r.Payload.TargetDef == "plan_payload");

        var answer = result.FinalAnswer!;
        Assert.Equal(2, answer.Citations.Count);
        var unresolved = await new EvidenceResolver(store.Store.Artifacts, store.Store.Objects)
            .FindUnresolvedAsync("agent-research", answer.Citations.Select((c, i) => ($"/{i}", c)));
        Assert.Empty(unresolved);

        // The agent writes through RunSession like every writer: its snapshots rebuild from the log byte for byte.
        var replay = await new SnapshotReplayer(store.Store, Options(script).Session).VerifyAsync("agent-research");
        Assert.True(replay.Verified);
        Assert.Equal(result.Compactions.Count(c => c.Written), replay.SnapshotsChecked);
    }
}
