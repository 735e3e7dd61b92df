using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tests.Tools;

public sealed class ToolGuardTests
{
    private static readonly HandoffScope Everything = new() { ReadablePaths = new[] { "**" }, WritablePaths = Array.Empty<string>() };

    private static ToolCallContext Context(HandoffScope? scope = null) => new("run-1", "call-0001", scope ?? Everything, new NoEvidence());

    private static ActPayload Act(string tool, string arguments) => new() { ToolName = tool, Arguments = JsonDocument.Parse(arguments).RootElement.Clone(), CallId = "call-0001" };

    private static FolderDocumentIndex ManyHits() => FolderDocumentIndex.FromDocuments(
        Enumerable.Range(1, 12).Select(i => new KeyValuePair<string, string>($"doc{i:D2}.md", $"Paragraph about widgets number {i}.")));

    [Fact]
    public async Task A_capped_result_carries_a_cursor_that_really_fetches_the_next_page()
    {
        var registry = new ToolRegistry(new ITool[] { new SearchTool(ManyHits()) });
        var guard = new ToolGuard(registry, new ToolLimits { ItemCap = 5 });
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var arguments = cursor is null ? """{"query":"widgets"}""" : "{\"query\":\"widgets\",\"cursor\":\"" + cursor + "\"}";
            var result = await guard.InvokeAsync(Act("search", arguments), registry.Names, Context(), CancellationToken.None);
            Assert.Equal(ObserveStatus.Ok, result.Status);
            Assert.Equal(12, result.Pagination!.TotalItems);
            seen.AddRange(result.Evidence.Select(e => e.Pointer.EvidenceId));
            cursor = result.Pagination.NextCursor;
            Assert.Equal(cursor is not null, result.Pagination.Truncated);
            Assert.Equal(cursor is not null, result.Capped is not null);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"doc{i:D2}.md"), seen);
    }

    [Fact]
    public async Task The_byte_cap_moves_items_to_the_next_page()
    {
        var registry = new ToolRegistry(new ITool[] { new SearchTool(ManyHits()) });
        var guard = new ToolGuard(registry, new ToolLimits { ItemCap = 5, ByteCap = 300 });
        var result = await guard.InvokeAsync(Act("search", """{"query":"widgets"}"""), registry.Names, Context(), CancellationToken.None);
        Assert.True(result.Pagination!.ReturnedItems < 5);
        Assert.True(result.FullResult!.Length <= 300);
        Assert.Equal(300, result.Capped!.CapBytes);
        var next = await guard.InvokeAsync(Act("search", "{\"query\":\"widgets\",\"cursor\":\"" + result.Pagination.NextCursor + "\"}"), registry.Names, Context(), CancellationToken.None);
        Assert.Equal($"doc{result.Pagination.ReturnedItems + 1:D2}.md", next.Evidence[0].Pointer.EvidenceId);
    }

    [Fact]
    public async Task A_cursor_from_another_call_is_refused_with_its_pointer()
    {
        var registry = new ToolRegistry(new ITool[] { new SearchTool(ManyHits()) });
        var guard = new ToolGuard(registry);
        var first = await guard.InvokeAsync(Act("search", """{"query":"widgets"}"""), registry.Names, Context(), CancellationToken.None);
        var result = await guard.InvokeAsync(Act("search", "{\"query\":\"paragraph\",\"cursor\":\"" + first.Pagination!.NextCursor + "\"}"), registry.Names, Context(), CancellationToken.None);
        Assert.Equal(ObserveStatus.Error, result.Status);
        Assert.Contains("/arguments/cursor", result.Summary);
    }

    [Fact]
    public async Task An_empty_result_carries_typed_zero_result_guidance()
    {
        var registry = AgentRunner.ResearchTools(Documents.Index());
        var result = await new ToolGuard(registry).InvokeAsync(Act("search", """{"query":"quantum entanglement"}"""), registry.Names, Context(), CancellationToken.None);
        Assert.Equal(ObserveStatus.Empty, result.Status);
        Assert.Contains(ZeroResultSuggestion.BroadenQuery, result.Guidance!.Suggestions);
    }

    [Fact]
    public async Task Exceptions_timeouts_and_bad_arguments_become_error_results()
    {
        var registry = new ToolRegistry(new ITool[] { new FaultyTool("boom", hang: false), new FaultyTool("hang", hang: true), new SearchTool(Documents.Index()) });
        var guard = new ToolGuard(registry, new ToolLimits { Timeout = TimeSpan.FromMilliseconds(200) });

        var thrown = await guard.InvokeAsync(Act("boom", "{}"), registry.Names, Context(), CancellationToken.None);
        Assert.Equal(ObserveStatus.Error, thrown.Status);
        Assert.Contains("disk on fire", thrown.Summary);

        var hung = await guard.InvokeAsync(Act("hang", "{}"), registry.Names, Context(), CancellationToken.None);
        Assert.Contains("did not answer within", hung.Summary);

        var bad = await guard.InvokeAsync(Act("search", """{"q":"x"}"""), registry.Names, Context(), CancellationToken.None);
        Assert.Contains("/arguments/q", bad.Summary);

        var unknown = await guard.InvokeAsync(Act("nope", "{}"), registry.Names, Context(), CancellationToken.None);
        Assert.Contains("there is no tool 'nope'", unknown.Summary);
    }

    [Fact]
    public async Task Calls_outside_the_packet_scope_are_refused_before_they_run()
    {
        var registry = AgentRunner.ResearchTools(Documents.Index());
        var guide = new HandoffScope { ReadablePaths = new[] { "guide/*.md" }, WritablePaths = Array.Empty<string>() };
        var guard = new ToolGuard(registry);

        var read = await guard.InvokeAsync(Act("read_chunk", """{"evidence_id":"private/secrets.md","chunk_id":"c001"}"""), registry.Names, Context(guide), CancellationToken.None);
        Assert.NotNull(read.Refusal);
        Assert.DoesNotContain("SWORDFISH", read.Summary);

        var tool = await guard.InvokeAsync(Act("answer", """{"answer":"x","citations":[]}"""), new[] { "search" }, Context(guide), CancellationToken.None);
        Assert.Contains("outside this executor's scope", tool.Refusal);

        var search = await guard.InvokeAsync(Act("search", """{"query":"compaction"}"""), registry.Names, Context(guide), CancellationToken.None);
        Assert.All(search.Evidence, e => Assert.StartsWith("guide/", e.Pointer.EvidenceId));
        Assert.DoesNotContain("SWORDFISH", search.Summary);
    }

    private sealed class NoEvidence : IEvidenceCheck
    {
        public Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<string>>(pointers.Select(p => p.EvidenceId + " was never observed").ToList());
    }

    private sealed class FaultyTool(string name, bool hang) : ITool
    {
        public string Name => name;

        public string Description => "fails";

        public string InputSchema => "{}";

        public bool IsIdempotent => false;

        public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

        public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

        public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
        {
            if (hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            throw new InvalidOperationException("disk on fire");
        }
    }
}
