using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Mcp;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tests.Mcp;

/// <summary>MCP server tools, called through the same <see cref="ToolGuard"/> as built-in tools, against a real stdio server.</summary>
public sealed class McpToolSourceTests(McpServerFixture server) : IClassFixture<McpServerFixture>
{
    private static readonly HandoffScope Everything = new() { ReadablePaths = new[] { "**" }, WritablePaths = Array.Empty<string>() };

    private static ToolCallContext Context() => new("run-1", "call-0001", Everything, new NoEvidence());

    private static ActPayload Act(string tool, string arguments) => new() { ToolName = tool, Arguments = JsonDocument.Parse(arguments).RootElement.Clone(), CallId = "call-0001" };

    private ToolGuard Guard(ToolLimits? limits = null) => new(new ToolRegistry(server.Source.Tools), limits);

    private Task<GuardedResult> Call(string tool, string arguments, ToolLimits? limits = null, IReadOnlyCollection<string>? allowed = null)
        => Guard(limits).InvokeAsync(Act(tool, arguments), allowed ?? server.Source.Tools.Select(t => t.Name).ToList(), Context(), CancellationToken.None);

    [Fact]
    public void The_servers_tools_are_listed_under_its_name_with_their_input_schema()
    {
        Assert.Equal("alexandria-test", server.Source.Prefix);
        Assert.Equal(
            new[] { "alexandria-test.echo", "alexandria-test.fail", "alexandria-test.hang", "alexandria-test.many_items", "alexandria-test.nothing", "alexandria-test.refuse" },
            server.Source.Tools.Select(t => t.Name));
        var echo = server.Source.Tools.Single(t => t.Name == "alexandria-test.echo");
        Assert.Equal("Returns the text it is given.", echo.Description);
        Assert.True(echo.IsIdempotent);
        Assert.False(server.Source.Tools.Single(t => t.Name == "alexandria-test.fail").IsIdempotent);
        using var schema = JsonDocument.Parse(echo.InputSchema);
        Assert.Equal("string", schema.RootElement.GetProperty("properties").GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("text", schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("- alexandria-test.echo: Returns the text it is given.\n  input schema: {", new ToolRegistry(server.Source.Tools).Catalog());
    }

    [Fact]
    public async Task A_call_returns_the_servers_content_as_an_ok_observation()
    {
        var result = await Call("alexandria-test.echo", """{"text":"hello"}""");
        Assert.Equal(ObserveStatus.Ok, result.Status);
        Assert.Equal("alexandria-test.echo: items 1-1 of 1\necho: hello", result.Summary);
        using var full = JsonDocument.Parse(result.FullResult!);
        var item = Assert.Single(full.RootElement.EnumerateArray());
        Assert.Equal("text", item.GetProperty("type").GetString());
        Assert.Equal("echo: hello", item.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Many_items_are_capped_and_the_cursor_pages_through_all_of_them()
    {
        var limits = new ToolLimits { ItemCap = 5 };
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var arguments = cursor is null ? """{"count":12}""" : "{\"count\":12,\"cursor\":\"" + cursor + "\"}";
            var result = await Call("alexandria-test.many_items", arguments, limits);
            Assert.Equal(ObserveStatus.Ok, result.Status);
            Assert.Equal(12, result.Pagination!.TotalItems);
            using var full = JsonDocument.Parse(result.FullResult!);
            seen.AddRange(full.RootElement.EnumerateArray().Select(i => i.GetProperty("text").GetString()!));
            cursor = result.Pagination.NextCursor;
            Assert.Equal(cursor is not null, result.Capped is not null);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"item {i}"), seen);
    }

    [Fact]
    public async Task An_empty_result_gets_zero_result_guidance()
    {
        var result = await Call("alexandria-test.nothing", "{}");
        Assert.Equal(ObserveStatus.Empty, result.Status);
        Assert.NotNull(result.Guidance);
        Assert.Contains(ZeroResultSuggestion.BroadenQuery, result.Guidance!.Suggestions);
        Assert.StartsWith("alexandria-test.nothing returned no results.", result.Summary);
    }

    [Fact]
    public async Task A_tool_that_throws_becomes_an_error_observation()
    {
        var result = await Call("alexandria-test.fail", "{}");
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.StartsWith("error: alexandria-test.fail failed: McpToolErrorException: An error occurred invoking 'fail'", result.Summary);
        Assert.Null(result.FullResult);
    }

    [Fact]
    public async Task A_tool_error_result_becomes_an_error_observation_with_the_servers_message()
    {
        var result = await Call("alexandria-test.refuse", """{"reason":"no such customer"}""");
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.Equal("error: alexandria-test.refuse failed: McpToolErrorException: refused: no such customer", result.Summary);
    }

    [Fact]
    public async Task A_tool_that_never_answers_times_out_and_the_server_stays_usable()
    {
        var result = await Call("alexandria-test.hang", "{}", new ToolLimits { Timeout = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.Equal("error: alexandria-test.hang did not answer within 0.5 s.", result.Summary);

        var after = await Call("alexandria-test.echo", """{"text":"still here"}""");
        Assert.Equal(ObserveStatus.Ok, after.Status);
        Assert.EndsWith("echo: still here", after.Summary);
    }

    [Fact]
    public async Task Arguments_that_are_not_an_object_are_an_error_observation()
    {
        var result = await Call("alexandria-test.echo", "[1]");
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.Equal("error: (arguments): must be a JSON object.", result.Summary);
    }

    [Fact]
    public async Task A_tool_outside_the_handoff_is_refused_without_reaching_the_server()
    {
        var result = await Call("alexandria-test.hang", "{}", allowed: new[] { "alexandria-test.echo" });
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.NotNull(result.Refusal);
        Assert.Null(result.FullResult);
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => McpToolSource.StartAsync(new McpServerCommand("alexandria-no-such-mcp-server", Array.Empty<string>())));
        Assert.StartsWith("MCP server 'alexandria-no-such-mcp-server' could not be started:", error.Message);
    }

    [Fact]
    public async Task A_prefix_replaces_the_servers_name()
    {
        await using var source = await McpToolSource.StartAsync(McpServerFixture.Command, "Docs Server");
        Assert.Equal("docs_server", source.Prefix);
        Assert.Contains("docs_server.echo", source.Tools.Select(t => t.Name));
    }

    private sealed class NoEvidence : IEvidenceCheck
    {
        public Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<string>>(pointers.Select(p => p.EvidenceId + " was never observed").ToList());
    }
}
