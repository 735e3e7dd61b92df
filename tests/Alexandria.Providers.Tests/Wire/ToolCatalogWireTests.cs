using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Agents.Tools;
using Alexandria.Contracts.Prompts;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Wire;

/// <summary>The tool catalog in the stable prefix does not depend on the order or formatting tools were discovered in.</summary>
public sealed class ToolCatalogWireTests
{
    [Fact]
    public async Task Two_catalogs_discovered_in_different_orders_send_identical_bytes()
    {
        // The same two MCP-style tools, listed in another order, one schema with other member order and spacing.
        var first = new ToolRegistry(new ITool[]
        {
            new SchemaTool("files.read", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"max\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"path\"]}"),
            new SchemaTool("search", "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}"),
        });
        var second = new ToolRegistry(new ITool[]
        {
            new SchemaTool("search", "{ \"properties\": { \"query\": { \"type\": \"string\" } }, \"type\": \"object\" }"),
            new SchemaTool("files.read", "{\n  \"required\": [\"path\"],\n  \"properties\": {\"max\": {\"minimum\": 1, \"type\": \"integer\"}, \"path\": {\"type\": \"string\"}},\n  \"type\": \"object\"\n}"),
        });
        var changed = new ToolRegistry(new ITool[]
        {
            new SchemaTool("files.read", "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"),
            new SchemaTool("search", "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}"),
        });

        await using var stub = await ProviderStub.StartAsync();
        using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-opus-5");
        var prompts = new List<RenderedPrompt>();
        foreach (var registry in new[] { first, second, changed })
        {
            var prompt = PlannerPrompt.Render(registry.Catalog(), "Explain when compaction fires.", "{}", Array.Empty<string>(), Array.Empty<string>());
            prompts.Add(prompt);
            await WireRequests.AskAsync(client, prompt, Schemas.Plan);
        }

        Assert.Equal(prompts[0].PrefixHash, prompts[1].PrefixHash);
        Assert.Equal(stub.Requests[0].Body, stub.Requests[1].Body);
        Assert.Contains("input schema: {\"properties\":{\"max\":{\"minimum\":1,\"type\":\"integer\"},\"path\":{\"type\":\"string\"}},\"required\":[\"path\"],\"type\":\"object\"}", prompts[0].Text, StringComparison.Ordinal);

        // A schema that really differs still changes the prefix.
        Assert.NotEqual(prompts[0].PrefixHash, prompts[2].PrefixHash);
    }

    private sealed class SchemaTool(string name, string schema) : ITool
    {
        public string Name => name;

        public string Description => "A tool named " + name + ".";

        public string InputSchema => schema;

        public bool IsIdempotent => true;

        public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

        public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

        public Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken) => throw new NotSupportedException("catalog only");
    }
}
