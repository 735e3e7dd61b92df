using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

/// <summary>
/// <c>inspect --step N</c>: the conversation rebuilt from the log is, byte for byte, what the model was sent — across
/// compactions (the planner's snapshot changes) and a repair — and a rebuild with other tools is reported as a mismatch.
/// </summary>
public sealed class StepConversationTests
{
    private static readonly string[] Queries = { "compaction", "snapshot", "events", "guidance", "pointer", "template" };

    private static readonly AgentOptions Options = new() { Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 6, StepFallback = 50 } } };

    [Fact]
    public async Task Every_first_request_of_every_step_is_rebuilt_exactly_and_matches_its_recorded_prefix_hash()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(Turns()), Options);
        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.True(result.Compactions.Count(c => c.Written) >= 2);

        var events = await harness.EventsAsync();
        var snapshots = await SnapshotsAsync(harness);
        var tools = AgentRunner.ResearchTools(Documents.Index());
        var sent = harness.Requests.Where(r => r.PromptId is "planner" or "executor").ToList();
        var rebuilt = Enumerable.Range(1, 6).SelectMany(step => StepConversation.Rebuild("run-1", step, events, snapshots, tools, Options).Turns).ToList();

        Assert.Equal(sent.Select(r => r.PromptId), rebuilt.Select(t => t.Prompt));
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i].Text, Assert.Single(rebuilt[i].Messages).Text);
            Assert.True(rebuilt[i].PrefixMatches, $"turn {i}: rebuilt {rebuilt[i].RebuiltPrefixSha256}, recorded {rebuilt[i].RecordedPrefixSha256}");
        }

        // The planner requests of later steps carry a snapshot; the rebuild found the right one.
        Assert.Contains(rebuilt.Where(t => t.Prompt == "planner"), t => !t.Messages[0].Text.Contains("JSON):\n{}\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_repaired_turn_shows_the_errors_sent_back_and_the_accepted_reply()
    {
        await using var harness = await AgentHarness.CreateAsync();
        await harness.RunAsync(Of(Turns()), Options);

        var step2 = StepConversation.Rebuild("run-1", 2, await harness.EventsAsync(), await SnapshotsAsync(harness), AgentRunner.ResearchTools(Documents.Index()), Options);

        Assert.Equal(new[] { "planner", "executor" }, step2.Turns.Select(t => t.Prompt));
        var executor = step2.Turns[1];
        Assert.NotEmpty(Assert.Single(executor.Repairs));
        Assert.Contains("\"call_id\":\"" + Call(2) + "\"", executor.Reply, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"in_progress\"", step2.Turns[0].Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebuild_with_other_tools_is_reported_as_a_prefix_mismatch()
    {
        await using var harness = await AgentHarness.CreateAsync();
        await harness.RunAsync(Of(Turns()), Options);
        var otherTools = new ToolRegistry(new ITool[] { new SearchTool(Documents.Index()), new AnswerTool() });

        var step1 = StepConversation.Rebuild("run-1", 1, await harness.EventsAsync(), await SnapshotsAsync(harness), otherTools, Options);

        Assert.All(step1.Turns, t => Assert.False(t.PrefixMatches));
        Assert.All(step1.Turns, t => Assert.Equal(64, t.RecordedPrefixSha256!.Length));
    }

    [Fact]
    public async Task A_step_without_a_model_turn_is_refused_with_its_number()
    {
        await using var harness = await AgentHarness.CreateAsync();
        await harness.RunAsync(Of(Turns()), Options);

        var e = Assert.Throws<ArgumentException>(() => StepConversation.Rebuild("run-1", 99, Array.Empty<RunEvent>(), Array.Empty<CompactionSnapshot>(), AgentRunner.ResearchTools(Documents.Index())));
        Assert.Contains("Step 99", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Five search steps (the second executor reply malformed, then repaired) and a closing plan.</summary>
    private static ScriptedTurn[] Turns() => Enumerable.Range(1, 5)
        .SelectMany(i => i == 2
            ? new[] { Planner(Next("Search " + Queries[i] + ".")), Executor("not json at all"), Repair(Act("search", "{\"query\":\"" + Queries[i] + "\"}", Call(i))) }
            : new[] { Planner(Next("Search " + Queries[i] + ".")), Executor(Act("search", "{\"query\":\"" + Queries[i] + "\"}", Call(i))) })
        .Append(Planner(Done))
        .ToArray();

    private static async Task<IReadOnlyList<CompactionSnapshot>> SnapshotsAsync(AgentHarness harness)
        => (await harness.Store.Store.Snapshots.GetHistoryAsync("run-1")).Select(s => CompactionSnapshot.ParseUnvalidated(s.Json.Span)).ToList();
}
