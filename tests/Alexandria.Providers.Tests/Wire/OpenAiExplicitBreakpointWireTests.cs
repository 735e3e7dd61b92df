using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

/// <summary>
/// OpenAI models the model table marks <c>"cache_breakpoints": "explicit"</c> (gpt-5.6): the system text cut at the
/// manifest's breakpoints into text parts marked <c>prompt_cache_breakpoint</c>, <c>prompt_cache_options</c> on the
/// request, and <c>cache_write_tokens</c> read back — on chat completions and the Responses API, streamed and not.
/// </summary>
public sealed class OpenAiExplicitBreakpointWireTests
{
    private const string Marker = ",\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}";

    // The SDK writes JSON strings with only the escapes JSON requires (\" not \u0022).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_completions_send_one_marked_text_part_per_breakpoint_and_explicit_cache_options(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6", stream);
        var prompt = WireRequests.Planner();

        await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(stream, request.Streamed);
        var system = request.Json.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Equal(ExpectedParts(prompt.Text, Cuts(prompt), "text"), system.GetProperty("content").GetRawText());
        Assert.Equal("{\"mode\":\"explicit\",\"ttl\":\"30m\"}", request.Json.GetProperty("prompt_cache_options").GetRawText());
        Assert.Equal("alexandria:planner", request.Json.GetProperty("prompt_cache_key").GetString());
        Assert.Equal(Schemas.OpenAiStrict, request.Json.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema").GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_Responses_API_sends_marked_input_text_parts_byte_for_byte(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6", stream, openAiApi: "responses");
        var prompt = WireRequests.Planner();

        await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        // A streamed request differs from a plain one only by "stream": true.
        var request = Assert.Single(stub.Requests);
        Assert.Equal(
            "{\"model\":\"gpt-5.6\",\"max_output_tokens\":4096,"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"plan_payload\",\"schema\":" + Schemas.OpenAiStrict + ",\"strict\":true}},"
            + "\"input\":[{\"type\":\"message\",\"role\":\"system\",\"content\":" + ExpectedParts(prompt.Text, Cuts(prompt), "input_text") + "}],"
            + "\"store\":false," + (stream ? "\"stream\":true," : "")
            + "\"prompt_cache_key\":\"alexandria:planner\",\"prompt_cache_options\":{\"mode\":\"explicit\",\"ttl\":\"30m\"}}",
            request.BodyText);
    }

    [Theory]
    [InlineData("chat", false)]
    [InlineData("chat", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    public async Task Cache_writes_and_exact_reads_come_back_from_the_usage_fields(string api, bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        var warnings = new List<string>();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6", stream, warnings: warnings, openAiApi: api);
        var objective = string.Join(" ", Enumerable.Repeat("Survey every compaction rule and cite the documents.", 100));

        var first = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":1}"), Schemas.Plan);
        var second = await WireRequests.AskAsync(client, WireRequests.Planner(objective, "{\"seq\":2}"), Schemas.Plan);

        // The first request writes up to its last breakpoint (cache_write_tokens); the second reads exactly that prefix
        // (GPT-5.6 reports the exact boundary, not a multiple of 128) and writes nothing.
        Assert.Equal(0, first.Usage!.CachedInputTokenCount ?? 0);
        var written = ProviderUsage.CacheCreationTokens(first.Usage);
        Assert.True(written >= 1024, $"written {written}");
        Assert.Equal(written, second.Usage!.CachedInputTokenCount);
        Assert.Null(ProviderUsage.CacheCreationTokens(second.Usage));

        // Every explicit breakpoint is checked against the minimum: the instructions and tools alone are too short.
        var warning = Assert.Single(warnings);
        Assert.Contains("'instructions_and_tools' of the planner prompt", warning, System.StringComparison.Ordinal);
        Assert.Contains("below the 1024-token minimum openai caches for gpt-5.6", warning, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_model_table_that_says_implicit_sends_the_text_as_it_is()
    {
        await using var stub = await ProviderStub.StartAsync();
        var table = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "model-table-" + System.Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(table, """{ "format": "alexandria-model-table/1", "models": [ { "provider": "openai", "model": "gpt-5.6", "min_cacheable_tokens": 1024, "cache_breakpoints": "implicit" } ] }""");
        try
        {
            using var client = ProviderClients.Create(StubClients.Settings(stub, ProviderKind.OpenAI, "gpt-5.6", modelTable: table));
            var prompt = WireRequests.Planner();

            await WireRequests.AskAsync(client, prompt, Schemas.Plan);

            var request = Assert.Single(stub.Requests);
            Assert.DoesNotContain("prompt_cache_breakpoint", request.BodyText);
            Assert.DoesNotContain("prompt_cache_options", request.BodyText);
            var content = request.Json.GetProperty("messages")[0].GetProperty("content");
            Assert.Equal(prompt.Text, content.ValueKind == JsonValueKind.String ? content.GetString() : Assert.Single(content.EnumerateArray()).GetProperty("text").GetString());
        }
        finally
        {
            System.IO.File.Delete(table);
        }
    }

    private static List<int> Cuts(Alexandria.Contracts.Prompts.RenderedPrompt prompt)
    {
        var cuts = prompt.Breakpoints.Select(b => b.Offset).ToList();
        Assert.Equal(3, cuts.Count); // the planner's instructions_and_tools, run, run_and_snapshot
        return cuts;
    }

    /// <summary>The text parts: one per breakpoint, each marked, then the volatile rest unmarked.</summary>
    private static string ExpectedParts(string text, List<int> cuts, string type)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (var cut in cuts)
        {
            parts.Add("{\"type\":\"" + type + "\",\"text\":" + JsonSerializer.Serialize(text[start..cut], Relaxed) + Marker + "}");
            start = cut;
        }

        if (start < text.Length)
        {
            parts.Add("{\"type\":\"" + type + "\",\"text\":" + JsonSerializer.Serialize(text[start..], Relaxed) + "}");
        }

        return "[" + string.Join(",", parts) + "]";
    }
}
