using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

public sealed class LimitTests
{
    private static ScriptedTurn[] SearchSteps(int steps) => Enumerable.Range(1, steps).SelectMany(i => new[]
    {
        Planner(Next("Search step " + i + ".")),
        Executor(Act("search", "{\"query\":\"compaction " + (i % 2 == 0 ? "snapshot" : "steps") + "\"}", Call(i))),
    }).ToArray();

    [Fact]
    public async Task Max_steps_ends_the_run_with_its_status()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(SearchSteps(3).Append(Planner(Next("One more."))).ToArray()), new AgentOptions { Limits = new AgentLimits { MaxSteps = 3 } });
        Assert.Equal(AgentRunStatus.MaxStepsReached, result.Status);
        Assert.Equal(3, result.Steps);
    }

    [Fact]
    public async Task Max_model_calls_ends_the_run_before_the_call_over_the_limit()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(SearchSteps(3)), new AgentOptions { Limits = new AgentLimits { MaxModelCalls = 3 } });
        Assert.Equal(AgentRunStatus.MaxModelCallsReached, result.Status);
        Assert.Equal(3, result.Usage.ModelCalls);
        Assert.Equal(3, harness.Requests.Count);
    }

    [Fact]
    public async Task Max_tokens_ends_the_run_once_usage_reaches_it()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(SearchSteps(3)), new AgentOptions { Limits = new AgentLimits { MaxTokens = 500 } });
        Assert.Equal(AgentRunStatus.MaxTokensReached, result.Status);
        Assert.True(result.Usage.TotalTokens >= 500);
    }

    [Fact]
    public async Task A_model_that_never_answers_ends_the_run_at_the_wall_clock_budget()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var slow = new ScriptedTurn("planner", Next("x"), null, null, null, TimeSpan.FromMinutes(10), null);
        var started = DateTime.UtcNow;
        var result = await harness.RunAsync(Of(slow), new AgentOptions { Limits = new AgentLimits { WallClock = TimeSpan.FromMilliseconds(300) } });
        Assert.Equal(AgentRunStatus.WallClockExceeded, result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cancellation_ends_the_run_with_the_cancelled_status()
    {
        await using var harness = await AgentHarness.CreateAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var slow = new ScriptedTurn("planner", Next("x"), null, null, null, TimeSpan.FromMinutes(10), null);
        var result = await harness.RunAsync(Of(slow), cancellationToken: cancel.Token);
        Assert.Equal(AgentRunStatus.Cancelled, result.Status);
    }

    [Fact]
    public async Task A_model_that_throws_ends_the_run_with_model_failed()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(new ThrowingClient());
        Assert.Equal(AgentRunStatus.ModelFailed, result.Status);
        Assert.Contains("connection reset", result.Message);
    }

    [Fact]
    public async Task A_run_that_diverges_from_its_script_fails_loudly()
    {
        await using var harness = await AgentHarness.CreateAsync();
        var result = await harness.RunAsync(Of(Executor(Act("search", "{}", Call(1)))));
        Assert.Equal(AgentRunStatus.ModelFailed, result.Status);
        Assert.Contains("/turns/0", result.Message);
    }

    private sealed class ThrowingClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new System.Net.Http.HttpRequestException("connection reset by peer");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
