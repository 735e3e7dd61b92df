using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class LoopOverrideTests
{
    private const string Same = """{"query":"compaction"}""";

    /// <summary>Four identical search steps: the fourth identical action/observation pair fires the loop guardrail.</summary>
    private static ScriptedTurn[] FourIdenticalSearches() => Enumerable.Range(1, 4).SelectMany(i => new[]
    {
        Planner(Next("Search for compaction.")),
        Executor(Act("search", Same, Call(i))),
    }).ToArray();

    [Fact]
    public async Task A_planner_that_ignores_the_loop_twice_ends_the_run()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(FourIdenticalSearches().Concat(new[]
        {
            Planner(Next("Search for compaction."), Contains("loop_detected", "identical_action_observation_pairs")),
            Planner(Next("Search for compaction."), Contains("loop_detected")),
        }).ToArray()));

        Assert.Equal(AgentRunStatus.LoopOverrideIgnored, result.Status);
        var events = await harness.EventsAsync();
        Assert.Equal(4, events.OfType<PlanEvent>().Count());
        Assert.True(events.OfType<GuardrailTriggeredEvent>().Count(g => g.Payload.Outcome is LoopDetectedOutcome) >= 3);
    }

    [Fact]
    public async Task A_call_the_chosen_override_forbids_is_refused_and_the_planner_must_choose_again()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(FourIdenticalSearches().Concat(new[]
        {
            Planner(Next("Search again with other words.", "change_arguments")),
            Executor(Act("search", Same, Call(5))),
            Planner(Next("Read the chunk instead.", "change_tool"), Contains("refused: the planner chose change_arguments")),
            Executor(Act("read_chunk", """{"evidence_id":"guide/compaction.md","chunk_id":"c001"}""", Call(6))),
            Planner(Done),
        }).ToArray()));

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(1, result.Refusals);
        Assert.Equal(2, result.OverridesChosen);
        var events = await harness.EventsAsync();
        var refused = events.OfType<ObserveEvent>().Single(o => o.Payload.CallId == Call(5));
        Assert.Equal(ObserveStatus.Error, refused.Payload.Status);
        Assert.StartsWith("refused:", refused.Payload.Summary);
        Assert.Contains(events.OfType<GuardrailTriggeredEvent>(), g => g.Payload.CallId == Call(5) && g.Payload.Outcome is LoopDetectedOutcome);
        // The refused call never ran: no tool_call_started for it.
        Assert.DoesNotContain(events.OfType<ToolCallStartedEvent>(), s => s.Payload.CallId == Call(5));
        Assert.Equal(LoopOverride.ChangeTool, events.OfType<PlanEvent>().Last(p => p.Payload.ChosenOverride is not null).Payload.ChosenOverride);
    }

    [Fact]
    public async Task An_override_that_was_not_offered_or_a_replan_without_change_is_refused()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(
            Of(FourIdenticalSearches().Concat(new[]
            {
                Planner(Next("Search for compaction.", "abort_run")),
                Planner(Next("Search for compaction.", "replan")),
            }).ToArray()),
            new AgentOptions { AllowedOverrides = new[] { LoopOverride.ChangeTool, LoopOverride.Replan } });

        Assert.Equal(AgentRunStatus.LoopOverrideIgnored, result.Status);
        Assert.Contains("replan requires a different plan", result.Message);
    }

    [Fact]
    public async Task Abort_run_ends_the_run_with_its_own_status()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(FourIdenticalSearches().Append(Planner(Next("Stop.", "abort_run"))).ToArray()));
        Assert.Equal(AgentRunStatus.AbortedByOverride, result.Status);
    }

    [Fact]
    public async Task Thresholds_are_configurable()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions
        {
            Session = new RunSessionOptions { LoopDetection = new LoopDetectionThresholds { IdenticalConsecutiveCalls = 2, IdenticalActionObservationPairs = 50 } },
        };
        var result = await harness.RunAsync(
            Of(
                Planner(Next("Search.")), Executor(Act("search", Same, Call(1))),
                Planner(Next("Search.")), Executor(Act("search", Same, Call(2))),
                Planner(Next("Stop.", "abort_run"), Contains("identical_consecutive_calls"))),
            options);
        Assert.Equal(AgentRunStatus.AbortedByOverride, result.Status);
    }
}
