using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;

namespace Alexandria.Agents.Tests.Tools;

/// <summary>
/// The catalog text a registry reuses across runs is always the text of the tools as they are now: the same bytes as a
/// fresh registry renders, for every subset, from many threads at once, and redone when a tool's description or schema changes.
/// </summary>
public sealed class ToolCatalogTests
{
    [Fact]
    public async Task Reused_catalogs_are_the_fresh_text_for_every_subset_from_many_threads()
    {
        var tools = Enumerable.Range(0, 6).Select(i => new MutableTool($"t{i}", $"Tool {i}.", $"{{\"type\":\"object\",\"title\":\"t{i}\"}}")).ToArray();
        var shared = new ToolRegistry(tools);
        var subsets = new List<string[]?> { null, new[] { "t1" }, new[] { "t3", "t0" }, new[] { "t5", "t4", "t2" }, new[] { "t0", "t1", "t2", "t3", "t4", "t5" }, new[] { "t2", "nope" }, Array.Empty<string>() };
        var expected = subsets.Select(s => new ToolRegistry(tools).Catalog(s)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var round = 0; round < 300; round++)
            {
                var i = (round + t) % subsets.Count;
                Assert.Equal(expected[i], shared.Catalog(subsets[i]));
            }
        })));
    }

    [Fact]
    public void A_tool_whose_description_or_schema_changed_gets_a_new_catalog()
    {
        var tool = new MutableTool("search", "Finds things.", """{"type":"object"}""");
        var registry = new ToolRegistry(new ITool[] { tool, new MutableTool("read", "Reads.", "{}") });
        var before = registry.Catalog();
        Assert.Same(before, registry.Catalog());

        tool.Description = "Finds other things.";
        var described = registry.Catalog();
        Assert.Contains("search: Finds other things.", described, StringComparison.Ordinal);
        Assert.Equal(new ToolRegistry(new ITool[] { tool, new MutableTool("read", "Reads.", "{}") }).Catalog(), described);

        tool.InputSchema = """{"type":"object","required":["q"]}""";
        Assert.Contains("""input schema: {"required":["q"],"type":"object"}""", registry.Catalog(new[] { "search" }), StringComparison.Ordinal);
        Assert.DoesNotContain("required", registry.Catalog(new[] { "read" }), StringComparison.Ordinal);
    }

    /// <summary>A tool whose description and schema can change between runs (as an MCP server's may).</summary>
    private sealed class MutableTool(string name, string description, string schema) : ITool
    {
        public string Name => name;

        public string Description { get; set; } = description;

        public string InputSchema { get; set; } = schema;

        public bool IsIdempotent => true;

        public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

        public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

        public Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
