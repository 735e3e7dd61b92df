using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

public sealed class AnthropicWireTests
{
    [Theory]
    [InlineData(false, "5m")]
    [InlineData(true, "1h")]
    public async Task The_schema_goes_out_unchanged_and_cache_control_sits_at_the_manifest_breakpoints(bool stream, string ttl)
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = _ => "{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}]}";
        using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-opus-5", stream, ttl);
        var prompt = WireRequests.Planner();

        var response = await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1/messages", request.Path);
        var format = request.Json.GetProperty("output_config").GetProperty("format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal(Schemas.Anthropic, format.GetProperty("schema").GetRawText()); // pattern kept, nothing moved to description
        Assert.Equal("claude-opus-5", request.Json.GetProperty("model").GetString());
        Assert.Equal(4096, request.Json.GetProperty("max_tokens").GetInt32());

        // tools → system → messages: the system text is cut at the three breakpoints, each cut carrying cache_control.
        var blocks = request.Json.GetProperty("system").EnumerateArray().ToList();
        Assert.Equal(4, blocks.Count);
        var cuts = prompt.Breakpoints.Select(b => b.Offset).Prepend(0).Append(prompt.Text.Length).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.Equal(prompt.Text[cuts[i]..cuts[i + 1]], blocks[i].GetProperty("text").GetString());
        }

        foreach (var block in blocks.Take(3))
        {
            Assert.Equal("{\"type\":\"ephemeral\",\"ttl\":\"" + ttl + "\"}", block.GetProperty("cache_control").GetRawText());
        }

        Assert.False(blocks[3].TryGetProperty("cache_control", out _));
        Assert.DoesNotContain("alexandria.", request.BodyText);
        Assert.True(request.Headers.GetValueOrDefault("x-api-key") == StubClients.SentinelKey || request.Headers.GetValueOrDefault("authorization") == "Bearer " + StubClients.SentinelKey, "the configured key is not what authenticates the request");
        Assert.Equal(stream, request.Streamed);
        Assert.Equal("{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}]}", response.Text);
    }

    [Fact]
    public async Task Without_an_Anthropic_form_no_output_format_is_sent()
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-opus-5");

        await WireRequests.AskAsync(client, WireRequests.Planner(), schema: null);

        Assert.False(Assert.Single(stub.Requests).Json.TryGetProperty("output_config", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cache_reads_and_writes_come_from_the_usage_fields(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.AnthropicCache.MinimumTokens = 128;
        using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-opus-5", stream);

        var first = await WireRequests.AskAsync(client, WireRequests.Planner(events: "{\"seq\":1}"), Schemas.Plan);
        var second = await WireRequests.AskAsync(client, WireRequests.Planner(events: "{\"seq\":2}"), Schemas.Plan);

        Assert.Equal(0, first.Usage!.CachedInputTokenCount ?? 0);
        Assert.True(ProviderUsage.CacheCreationTokens(first.Usage) > 0);
        Assert.True(second.Usage!.CachedInputTokenCount > 0);
        Assert.Null(ProviderUsage.CacheCreationTokens(second.Usage));
        Assert.Equal(ProviderUsage.CacheCreationTokens(first.Usage), second.Usage.CachedInputTokenCount);
    }
}
