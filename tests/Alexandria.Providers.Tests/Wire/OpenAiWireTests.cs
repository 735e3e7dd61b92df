using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

public sealed class OpenAiWireTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_strict_schema_goes_out_byte_for_byte_with_strict_true(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = _ => "{\"objective\":null,\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}],\"chosen_override\":null}";
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.5", stream); // implicit caching: the text as it is
        var prompt = WireRequests.Planner();

        var response = await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        var format = request.Json.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var jsonSchema = format.GetProperty("json_schema");
        Assert.Equal("plan_payload", jsonSchema.GetProperty("name").GetString());
        Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
        Assert.Equal(Schemas.OpenAiStrict, jsonSchema.GetProperty("schema").GetRawText());
        Assert.Equal("alexandria:planner", request.Json.GetProperty("prompt_cache_key").GetString());
        Assert.Equal(stream, request.Streamed);
        Assert.Equal("gpt-5.5", request.Json.GetProperty("model").GetString());
        Assert.DoesNotContain("prompt_cache_breakpoint", request.BodyText);
        Assert.DoesNotContain("prompt_cache_options", request.BodyText);
        var system = request.Json.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Equal(prompt.Text, system.GetProperty("content").ValueKind == JsonValueKind.String ? system.GetProperty("content").GetString() : system.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("alexandria.", request.BodyText);
        Assert.Equal("Bearer " + StubClients.SentinelKey, request.Headers["authorization"]);

        // Strict mode's nulls for optional members are gone before the validator sees the reply.
        Assert.Equal("{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}]}", response.Text);
        Assert.True(response.Usage!.InputTokenCount > 0);
    }

    [Fact]
    public async Task Without_a_strict_form_the_request_asks_for_a_json_object()
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6");

        var response = await WireRequests.AskAsync(client, WireRequests.Planner(), schema: null);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("{\"type\":\"json_object\"}", request.Json.GetProperty("response_format").GetRawText());
        Assert.Equal("{}", response.Text);
    }

    [Fact]
    public async Task Cached_tokens_come_from_prompt_tokens_details()
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.5"); // pre-5.6: the longest prefix, in 128-token steps
        var objective = string.Join(" ", Enumerable.Repeat("Survey every compaction rule and cite the documents.", 100));

        var first = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":1}"), Schemas.Plan);
        var second = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":2}"), Schemas.Plan);

        Assert.Equal(0, first.Usage!.CachedInputTokenCount ?? 0);
        Assert.True(second.Usage!.CachedInputTokenCount >= 1024, $"cached {second.Usage.CachedInputTokenCount}");
        Assert.Equal(0, second.Usage.CachedInputTokenCount % 128);
    }
}
