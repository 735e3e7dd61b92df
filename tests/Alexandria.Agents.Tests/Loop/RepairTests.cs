using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class RepairTests
{
    [Fact]
    public async Task An_invalid_plan_goes_back_with_pointer_errors_and_the_repaired_plan_is_used()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(
            Planner("Here you go:\n```json\n{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"started\"}]}\n```"),
            Repair(Next("Search the documents for compaction."), Contains("/steps/0/status", "Attempt 1 of 2", "\"status\":\"started\"")),
            Executor(Act("search", """{"query":"compaction"}""", Call(1))),
            Planner(Done)));

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(1, result.Usage.Repairs);
        var events = await harness.EventsAsync();
        var repair = Assert.Single(events.OfType<RepairAttemptedEvent>());
        Assert.Equal("plan_payload", repair.Payload.TargetDef);
        Assert.Equal(1, repair.Payload.Attempt);
        Assert.Contains(repair.Payload.Errors, e => e.InstancePointer == "/steps/0/status" && e.Keyword == "enum");
        // The repair request carries the whole conversation: the prompt, the bad reply, the repair prompt.
        var repairRequest = harness.RequestsFor("repair").Single().Text;
        Assert.StartsWith("You are the planner", repairRequest);
        Assert.Equal(AgentRole.Planner, repair.AgentRole);
        Assert.Equal(PlanStepStatus.InProgress, events.OfType<PlanEvent>().First().Payload.Steps[0].Status);
    }

    [Fact]
    public async Task After_the_bound_the_run_ends_with_a_typed_failure_and_nothing_invalid_is_written()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(
            Planner(Next("Search.")),
            Executor("{\"tool_name\":\"search\",\"arguments\":{\"query\":\"x\"}"),
            Repair("{\"tool_name\":\"Search!\",\"arguments\":{},\"call_id\":\"call-0001\"}"),
            Repair("{\"tool_name\":\"search\",\"arguments\":[],\"call_id\":\"call-0001\",\"extra\":1}")));

        Assert.Equal(AgentRunStatus.SchemaRepairFailed, result.Status);
        var events = await harness.EventsAsync();
        Assert.Equal(new long[] { 1, 2 }, events.OfType<RepairAttemptedEvent>().Select(e => e.Payload.Attempt));
        Assert.Contains("truncated", events.OfType<RepairAttemptedEvent>().First().Payload.Errors[0].Message);
        var failure = Assert.IsType<SchemaRepairOutcome>(events.OfType<GuardrailTriggeredEvent>().Last().Payload.Outcome);
        Assert.Contains(failure.Errors, e => e.InstancePointer == "/arguments");
        Assert.Contains(failure.Errors, e => e.InstancePointer == "/extra" || e.Keyword == "additionalProperties");
        Assert.DoesNotContain(events, e => e is ActEvent);
    }

    [Fact]
    public async Task A_wrong_call_id_is_repaired_like_a_schema_error()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(
            Planner(Next("Search.")),
            Executor(Act("search", """{"query":"compaction"}""", "call-9999")),
            Repair(Act("search", """{"query":"compaction"}""", Call(1)), Contains("/call_id: const")),
            Planner(Done)));

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        var act = Assert.Single((await harness.EventsAsync()).OfType<ActEvent>());
        Assert.Equal(Call(1), act.Payload.CallId);
    }
}
