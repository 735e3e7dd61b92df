using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alexandria.Providers.Tests.Telemetry;

/// <summary>OpenTelemetry of an agent run through a real adapter, collected by the in-memory exporter.</summary>
public sealed class TelemetryTests
{
    /// <summary>A model id no other test uses (the table still finds claude-opus-5 by prefix).</summary>
    private const string Model = "claude-opus-5-telemetry";

    [Fact]
    public async Task Every_model_and_tool_call_is_a_GenAI_span_tagged_with_the_run_and_cache_hits_are_counted()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(AgentTelemetry.SourceName).AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddMeter(AgentTelemetry.SourceName).AddInMemoryExporter(metrics).Build())
        {
            await using var stub = await ProviderStub.StartAsync();
            stub.AnthropicCache.MinimumTokens = 128;
            stub.Reply = new ResearchModel(steps: 3).Reply;
            await using var store = await TemporaryStore.CreateAsync();
            using var client = StubClients.Create(stub, ProviderKind.Anthropic, Model);

            var result = await AgentRun.RunAsync(store, client, new AgentOptions(), runId: "otel-run");

            Assert.Equal(AgentRunStatus.Completed, result.Status);
            tracer.ForceFlush();
        }

        // Other tests run in parallel in this process: keep this run's spans and this model's metric points.
        var ours = spans.Where(s => (string?)s.GetTagItem(AgentTelemetry.RunIdTag) == "otel-run").ToList();
        var chats = ours.Where(s => (string?)s.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        var tools = ours.Where(s => (string?)s.GetTagItem("gen_ai.operation.name") == "execute_tool").ToList();
        Assert.Equal(chats.Count, spans.Count(s => (string?)s.GetTagItem("gen_ai.request.model") == Model));
        Assert.Equal(7, chats.Count); // 4 planner + 3 executor calls
        Assert.Equal(3, tools.Count);
        Assert.All(chats.Concat(tools), s => Assert.Equal("otel-run", s.GetTagItem(AgentTelemetry.RunIdTag)));
        Assert.All(chats, s => Assert.Equal(Model, s.GetTagItem("gen_ai.request.model")));
        Assert.All(chats, s => Assert.NotNull(s.GetTagItem("gen_ai.usage.input_tokens")));
        Assert.All(tools, s => Assert.Equal("search", s.GetTagItem("gen_ai.tool.name")));

        long Sum(string name, bool? hit = null) => metrics.Where(m => m.Name == name).SelectMany(m =>
        {
            var points = new List<long>();
            foreach (var point in m.MetricPoints)
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (Equals(tags.GetValueOrDefault("gen_ai.request.model"), Model) && (hit is null || Equals(tags.GetValueOrDefault("alexandria.prompt_cache.hit"), hit.Value)))
                {
                    points.Add(point.GetSumLong());
                }
            }

            return points;
        }).Sum();

        Assert.Equal(7, Sum("alexandria.prompt_cache.requests"));
        Assert.Equal(5, Sum("alexandria.prompt_cache.requests", hit: true)); // the first planner and executor calls write
        Assert.True(Sum("alexandria.prompt_cache.cached_tokens") > 0);
        Assert.Contains(metrics, m => m.Name == "gen_ai.client.token.usage");
    }
}
