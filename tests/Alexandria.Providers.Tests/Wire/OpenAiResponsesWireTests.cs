using System;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

/// <summary>The OpenAI adapter with <c>OpenAiApi = responses</c>: <c>POST /v1/responses</c>, schema in <c>text.format</c>.</summary>
public sealed class OpenAiResponsesWireTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_strict_schema_goes_out_in_text_format_byte_for_byte(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = _ => "{\"objective\":null,\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}],\"chosen_override\":null}";
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.5", stream, openAiApi: "responses"); // implicit caching
        var prompt = WireRequests.Planner();

        var response = await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/v1/responses", request.Path);
        Assert.Equal(ExpectedBody(prompt.Text, stream), request.BodyText);
        Assert.Equal(Schemas.OpenAiStrict, request.Json.GetProperty("text").GetProperty("format").GetProperty("schema").GetRawText());
        Assert.Equal("Bearer " + StubClients.SentinelKey, request.Headers["authorization"]);

        // The reply comes back through the same strict-null mapping as chat completions.
        Assert.Equal("{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"pending\"}]}", response.Text);
        Assert.True(response.Usage!.InputTokenCount > 0);
    }

    [Fact]
    public async Task Without_a_strict_form_the_request_asks_for_a_json_object()
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6", openAiApi: "responses");

        var response = await WireRequests.AskAsync(client, WireRequests.Planner(), schema: null);

        Assert.Equal("{\"type\":\"json_object\"}", Assert.Single(stub.Requests).Json.GetProperty("text").GetProperty("format").GetRawText());
        Assert.Equal("{}", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cached_tokens_come_from_input_tokens_details(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.5", stream, openAiApi: "responses");
        var objective = string.Join(" ", Enumerable.Repeat("Survey every compaction rule and cite the documents.", 100));

        var first = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":1}"), Schemas.Plan);
        var second = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":2}"), Schemas.Plan);

        Assert.Equal(0, first.Usage!.CachedInputTokenCount ?? 0);
        Assert.True(second.Usage!.CachedInputTokenCount >= 1024, $"cached {second.Usage.CachedInputTokenCount}");
        Assert.Equal(0, second.Usage.CachedInputTokenCount % 128);
    }

    // The SDK writes JSON strings with only the escapes JSON requires (\" not \u0022).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The whole body the adapter must send: a streamed request differs from a plain one only by <c>stream</c>.</summary>
    private static string ExpectedBody(string system, bool stream)
        => "{\"model\":\"gpt-5.5\",\"max_output_tokens\":4096,"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"plan_payload\",\"schema\":" + Schemas.OpenAiStrict + ",\"strict\":true}},"
            + "\"input\":[{\"type\":\"message\",\"role\":\"system\",\"content\":[{\"type\":\"input_text\",\"text\":" + JsonSerializer.Serialize(system, Relaxed) + "}]}],"
            + "\"store\":false," + (stream ? "\"stream\":true," : "")
            + "\"prompt_cache_key\":\"alexandria:planner\"}";
}
