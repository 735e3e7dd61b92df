using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Microsoft.Extensions.AI;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed partial class CompactionContextTests
{
    private static readonly string[] Queries = { "compaction", "snapshot", "events", "guidance", "pointer", "template" };

    [Fact]
    public async Task After_a_compaction_the_planner_sees_the_snapshot_and_only_the_events_since()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions { Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 6, StepFallback = 50 } } };
        var turns = Enumerable.Range(1, 5).SelectMany(i => new[] { Planner(Next("Search " + Queries[i] + ".")), Executor(Act("search", "{\"query\":\"" + Queries[i] + "\"}", Call(i))) })
            .Append(Planner(Done)).ToArray();
        var result = await harness.RunAsync(Of(turns), options);

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(2, result.Compactions.Count(c => c.Written));
        var second = result.Compactions[1].Snapshot!;

        // The last planner request: built from the second snapshot plus what came after it.
        var last = harness.RequestsFor("planner").Last().Text;
        Assert.Contains("\"snapshot_id\":\"" + second.SnapshotId + "\"", last);
        Assert.Contains(Call(5), last);
        Assert.DoesNotContain("\"call_id\":\"" + Call(1) + "\"", last);
        Assert.DoesNotContain("\"call_id\":\"" + Call(3) + "\"", last);

        // Before the first compaction the snapshot is '{}' and every counted event is there.
        var first = harness.RequestsFor("planner").ElementAt(1).Text;
        Assert.Contains("Working state (latest compaction snapshot, JSON):\n{}\n", first);
        Assert.Contains("\"call_id\":\"" + Call(1) + "\"", first);
    }

    [Fact]
    public async Task The_planner_request_stays_bounded_over_a_200_step_run()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var model = new TirelessResearcher(steps: 200);
        var result = await harness.RunAsync(model, new AgentOptions { Limits = new AgentLimits { MaxSteps = 200, MaxModelCalls = 1000, MaxTokens = long.MaxValue } });

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(200, result.Steps);
        Assert.True(result.Compactions.Count(c => c.Written) >= 30);
        var late = harness.RequestsFor("planner").Skip(150).Max(r => r.Text.Length);
        var counted = (await harness.EventsAsync()).Where(e => e.IsCounted).ToList();
        var wholeLog = counted.Sum(e => System.Text.Json.JsonSerializer.Serialize(e, OutputSchemaJson.Options).Length);
        // The snapshot grows with findings only up to its inline cap (64 KiB) and the events since it never exceed one
        // compaction window, so the request has a ceiling while the log keeps growing.
        Assert.True(late < (64 + 32) * 1024, $"late planner requests are {late} characters");
        Assert.True(late * 3 < wholeLog, $"late planner requests are {late} characters, the counted log {wholeLog}");
        var allCounted = counted.Count;
        Assert.True(allCounted >= 600);
    }

    /// <summary>Answers every planner turn with one more search (six different queries in turn) and every executor turn with that search.</summary>
    private sealed partial class TirelessResearcher(int steps) : IChatClient
    {
        private int _acts;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = ModelRequest.Text(messages);
            var reply = ModelRequest.PromptIdOf(options) switch
            {
                "planner" => _acts >= steps ? Done : Next("Search " + Queries[_acts % Queries.Length] + "."),
                _ => Act("search", "{\"query\":\"" + Queries[_acts++ % Queries.Length] + "\"}", CallId().Match(text).Groups[1].Value),
            };
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) { Usage = new UsageDetails { InputTokenCount = text.Length / 4, OutputTokenCount = reply.Length / 4 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        [GeneratedRegex(@"call_id: (call-\d+)")]
        private static partial Regex CallId();
    }
}
