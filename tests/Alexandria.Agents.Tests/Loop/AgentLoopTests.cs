using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class AgentLoopTests
{
    [Fact]
    public async Task A_run_plans_searches_answers_with_resolving_citations_and_completes()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(
            Planner(Next("Search the documents for compaction thresholds.")),
            Executor(Act("search", """{"query":"compaction counted events"}""", Call(1))),
            Planner(Next("Answer with the evidence found."), Contains("compaction.md", "c001")),
            Executor(Act("answer", """{"answer":"Compaction fires at 18 counted events or 8 steps.","citations":[{"evidence_id":"guide/compaction.md","chunk_id":"c001","span":{"start":0,"end":10}}]}""", Call(2))),
            Planner(Done)));

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(2, result.Steps);
        Assert.Equal(5, result.Usage.ModelCalls);
        Assert.NotNull(result.FinalAnswer);
        Assert.Equal("guide/compaction.md", Assert.Single(result.FinalAnswer!.Citations).EvidenceId);

        var events = await harness.EventsAsync();
        Assert.Equal(new[] { "plan", "act", "observe", "plan", "act", "observe", "plan" }, events.Where(e => e.IsCounted).Select(e => e.Kind));
        Assert.Equal(4, events.Count(e => e is HandoffSentEvent));
        Assert.All(events.OfType<HandoffReceivedEvent>(), e => Assert.Equal("ACK loaded context " + e.Payload.PacketId, e.Payload.AckMessage));
        Assert.Equal(5, events.Count(e => e is TokenUsageEvent));
        var observe = events.OfType<ObserveEvent>().First();
        Assert.Equal(ObserveStatus.Ok, observe.Payload.Status);
        Assert.NotNull(observe.Payload.ResultPointer);
        Assert.Contains(observe.Payload.Evidence, p => p.EvidenceId == "guide/compaction.md" && p.ChunkId == "c001");
    }
}
