using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class ResumeTests
{
    private const string Note = """{"text":"compaction fires at 18"}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tool_call_interrupted_mid_run_is_retried_only_when_its_tool_is_idempotent(bool idempotent)
    {
        await using var harness = await AgentHarness.CreateAsync();
        using var crash = new CancellationTokenSource();
        var tool = SideEffectTool(idempotent, crashOnFirstCall: crash);
        var tools = new ToolRegistry(new ITool[] { tool });

        var stopped = await new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(
            Planner(Next("Record a note.")),
            Executor(Act("record_note", Note, Call(1))))), tools).RunAsync("run-1", "Record one note.", cancellationToken: crash.Token);
        Assert.Equal(AgentRunStatus.Cancelled, stopped.Status);
        Assert.Equal(1, tool.Effects);

        // The resumed run asks the model only for what the log does not hold: no executor turn for step 1.
        var resumed = await new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(Planner(Done))), tools).ResumeAsync("run-1", "Record one note.");
        Assert.Equal(AgentRunStatus.Completed, resumed.Status);
        Assert.Equal(1, resumed.Steps);
        Assert.Equal(3, resumed.Usage.ModelCalls);

        var events = await harness.EventsAsync();
        var observe = Assert.Single(events.OfType<ObserveEvent>());
        Assert.Single(events.OfType<ToolCallStartedEvent>());
        if (idempotent)
        {
            Assert.Equal(2, tool.Effects);
            Assert.Equal(ObserveStatus.Ok, observe.Payload.Status);
            Assert.Equal(new[] { "run-1/call-0001", "run-1/call-0001" }, tool.Keys);
        }
        else
        {
            Assert.Equal(1, tool.Effects);
            Assert.Equal(ObserveStatus.Error, observe.Payload.Status);
            Assert.Contains("not run again", observe.Payload.Summary);
        }
    }

    [Fact]
    public async Task A_completed_tool_call_is_never_run_again_after_a_crash_in_the_next_model_call()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var tool = SideEffectTool(idempotent: false, crashOnFirstCall: null);
        var tools = new ToolRegistry(new ITool[] { tool });
        using var crash = new CancellationTokenSource();
        var hang = new ScriptedTurn("planner", Done, null, null, null, TimeSpan.FromMinutes(10), null);
        var run = new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(Planner(Next("Record a note.")), Executor(Act("record_note", Note, Call(1))), hang)), tools)
            .RunAsync("run-1", "Record one note.", progress => { if (progress.What == "observe") { crash.CancelAfter(100); } }, crash.Token);
        Assert.Equal(AgentRunStatus.Cancelled, (await run).Status);

        var resumed = await new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(Planner(Done))), tools).ResumeAsync("run-1", "Record one note.");
        Assert.Equal(AgentRunStatus.Completed, resumed.Status);
        Assert.Equal(1, tool.Effects);
        var events = await harness.EventsAsync();
        Assert.Equal(new[] { "plan", "act", "observe", "plan" }, events.Where(e => e.IsCounted).Select(e => e.Kind));
        // Nothing was lost or written twice: the handoff back completed before the crash and is not repeated.
        Assert.Equal(2, events.OfType<HandoffReceivedEvent>().Count());
    }

    [Fact]
    public async Task A_run_stopped_by_a_limit_resumes_with_its_counters_and_finishes()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions { Limits = new AgentLimits { MaxSteps = 1 } };
        var stopped = await harness.RunAsync(Of(
            Planner(Next("Search.")), Executor(Act("search", """{"query":"compaction"}""", Call(1))), Planner(Next("Search more."))), options);
        Assert.Equal(AgentRunStatus.MaxStepsReached, stopped.Status);

        // Step 2 was planned when the limit stopped the run: the resumed run carries it out without planning it again.
        var resumed = await new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(
            Executor(Act("search", """{"query":"snapshot"}""", Call(2)), Contains("Search more.")),
            Planner(Done, Contains("\"call_id\":\"call-0002\"")))), AgentRunner.ResearchTools(Documents.Index())).ResumeAsync("run-1", "Record one note.");
        Assert.Equal(AgentRunStatus.Completed, resumed.Status);
        Assert.Equal(2, resumed.Steps);
        Assert.Equal(5, resumed.Usage.ModelCalls);
        Assert.Equal(3, (await harness.EventsAsync()).OfType<PlanEvent>().Count());
    }

    /// <summary>A tool with a side effect (a counter) that can "crash the process" (cancel the run) while it runs.</summary>
    /// <summary>A tool with a side effect outside the run; with <paramref name="crashOnFirstCall"/>, the run crashes inside its first call.</summary>
    private static StubTool SideEffectTool(bool idempotent, CancellationTokenSource? crashOnFirstCall)
        => new("record_note", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""", """{"written":true}""", "note written", idempotent)
        {
            Description = "Appends a note somewhere outside the run.",
            DuringFirstCall = crashOnFirstCall is null ? null : async cancellationToken =>
            {
                await crashOnFirstCall.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            },
        };
}
