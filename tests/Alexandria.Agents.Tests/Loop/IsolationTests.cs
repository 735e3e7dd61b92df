using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;
using Microsoft.Extensions.AI;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class IsolationTests
{
    [Fact]
    public async Task The_executor_request_holds_its_packet_and_nothing_else_on_the_wire()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions
        {
            ExecutorScope = new HandoffScope { ReadablePaths = new[] { "guide/*.md" }, WritablePaths = new[] { "notes/*.md" } },
            ExecutorTools = new[] { "search", "read_chunk" },
        };
        var result = await harness.RunAsync(Of(
            Planner(PlanWith(null, (1, "Search for compaction.", "in_progress"), (2, "Keep PLANNER-ONLY-NOTE in mind.", "pending"))),
            Executor(Act("search", """{"query":"compaction"}""", Call(1))),
            Planner(Next("Read the first compaction chunk.")),
            Executor(Act("read_chunk", """{"evidence_id":"guide/compaction.md","chunk_id":"c001"}""", Call(2))),
            Planner(Done)), options);
        Assert.Equal(AgentRunStatus.Completed, result.Status);

        // What the planner had in its context by step 2: the earlier plan and the observation.
        var planner = harness.RequestsFor("planner").ElementAt(1).Text;
        Assert.Contains("PLANNER-ONLY-NOTE", planner);
        Assert.Contains("fires at 18 counted events", planner);

        var executor = harness.RequestsFor("executor").ElementAt(1);
        var text = Encoding.UTF8.GetString(executor.Bytes);
        Assert.DoesNotContain("PLANNER-ONLY-NOTE", text);
        Assert.DoesNotContain("fires at 18 counted events", text);
        Assert.DoesNotContain("answer", text);

        // Byte for byte: one system message rendered from the packet's objective and scope, the step, the call id
        // and the catalog of the tools the packet allows — nothing else reaches the executor's model.
        var catalog = AgentRunner.ResearchTools(Documents.Index()).Catalog(new[] { "read_chunk", "search" });
        var expected = ExecutorPrompt.Render(catalog, "Explain when compaction fires.", new[] { "guide/*.md" }, new[] { "notes/*.md" }, 2, "Read the first compaction chunk.", Call(2));
        Assert.Equal(ModelRequest.ToBytes(new[] { new ChatMessage(ChatRole.System, expected.Text) }), executor.Bytes);
    }

    [Fact]
    public async Task A_tool_outside_the_packet_is_refused_even_when_the_model_asks_for_it()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions
        {
            ExecutorScope = new HandoffScope { ReadablePaths = new[] { "guide/*.md" }, WritablePaths = Array.Empty<string>() },
        };
        var result = await harness.RunAsync(Of(
            Planner(Next("Read the secrets.")),
            Executor(Act("read_chunk", """{"evidence_id":"private/secrets.md","chunk_id":"c001"}""", Call(1))),
            Planner(Done)), options);

        Assert.Equal(1, result.Refusals);
        var events = await harness.EventsAsync();
        var observe = Assert.Single(events.OfType<ObserveEvent>());
        Assert.StartsWith("refused:", observe.Payload.Summary);
        Assert.DoesNotContain(events, e => e.ToString().Contains("SWORDFISH", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Requests, r => r.Text.Contains("SWORDFISH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_handoff_is_blocked()
    {
        await using var harness = await AgentHarness.CreateAsync();
        // Every clock reading moves 2 hours: the packet is older than its 1 h TTL by the time it is received.
        var options = new AgentOptions
        {
            HandoffTtlHours = 1,
            Session = new Alexandria.Runtime.Events.RunSessionOptions { Clock = new Alexandria.Runtime.Events.ScriptedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)) },
        };
        var result = await harness.RunAsync(Of(Planner(Next("Search."))), options);
        Assert.Equal(AgentRunStatus.HandoffBlocked, result.Status);
        Assert.Contains("BLOCKED", result.Message);
    }
}
