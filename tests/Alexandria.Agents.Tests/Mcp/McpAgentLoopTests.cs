using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Mcp;

/// <summary>The agent loop with an MCP server's tools registered: the executor sees them and their calls are guarded and logged like any tool's.</summary>
public sealed class McpAgentLoopTests(McpServerFixture server) : IClassFixture<McpServerFixture>
{
    [Fact]
    public async Task The_loop_calls_an_mcp_tool_and_logs_a_capped_observation_with_a_guardrail_event()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var tools = new ToolRegistry(server.Source.Tools);
        var client = new ScriptedChatClient(Of(
            Planner(Next("List the items.")),
            Executor(Act("alexandria-test.many_items", """{"count":12}""", Call(1)), Contains("alexandria-test.many_items: Returns count text items.")),
            Planner(Done, Contains("item 5"))));

        var result = await new AgentRunner(harness.Store.Store, client, tools).RunAsync("run-1", "List the items.");

        Assert.True(result.Status == AgentRunStatus.Completed, result.Message);
        Assert.Equal(0, client.TurnsLeft);
        var events = await harness.EventsAsync();
        var observe = Assert.Single(events.OfType<ObserveEvent>());
        Assert.Equal(ObserveStatus.Ok, observe.Payload.Status);
        Assert.Equal(12, observe.Payload.Pagination!.TotalItems);
        Assert.True(observe.Payload.Pagination.Truncated);
        Assert.Contains(events.OfType<GuardrailTriggeredEvent>(), g => g.Payload.Outcome is ToolIoCappedOutcome { ToolName: "alexandria-test.many_items" });
    }
}
