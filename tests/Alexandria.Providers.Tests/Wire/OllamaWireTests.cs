using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

public sealed class OllamaWireTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_schema_goes_out_unchanged_as_format(bool stream)
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = _ => "{\"steps\":[{\"step_id\":1,\"description\":\"Search the guide for compaction.\",\"status\":\"pending\"}]}";
        using var client = StubClients.Create(stub, ProviderKind.Ollama, "llama3.2", stream);
        var prompt = WireRequests.Planner();

        var response = await WireRequests.AskAsync(client, prompt, Schemas.Plan);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal(Schemas.Ollama, request.Json.GetProperty("format").GetRawText());
        Assert.Equal("llama3.2", request.Json.GetProperty("model").GetString());
        Assert.Equal(stream, request.Streamed);
        Assert.Equal(prompt.Text, request.Json.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.DoesNotContain("alexandria.", request.BodyText);
        Assert.Equal("{\"steps\":[{\"step_id\":1,\"description\":\"Search the guide for compaction.\",\"status\":\"pending\"}]}", response.Text);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Without_an_Ollama_form_the_format_is_json()
    {
        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.Ollama, "llama3.2");

        await WireRequests.AskAsync(client, WireRequests.Planner(), schema: null);

        Assert.Equal("\"json\"", Assert.Single(stub.Requests).Json.GetProperty("format").GetRawText());
    }
}
