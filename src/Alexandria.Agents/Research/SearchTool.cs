using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Research;

/// <summary>
/// <c>search</c>: full-text search of the prebuilt index, limited to the documents the executor's scope may read.
/// Each hit is an evidence pointer (document, chunk, span of the best sentence) with the sentence's text.
/// </summary>
public sealed class SearchTool : ITool
{
    private readonly IDocumentIndex _index;

    /// <summary>Creates the tool over <paramref name="index"/>.</summary>
    public SearchTool(IDocumentIndex index)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
    }

    /// <inheritdoc/>
    public string Name => "search";

    /// <inheritdoc/>
    public string Description => "Full-text search of the document index; every query term must occur in a hit. Returns evidence pointers with the matching sentence.";

    /// <inheritdoc/>
    public string InputSchema => """{"type":"object","properties":{"query":{"type":"string","minLength":1},"cursor":{"type":"string"}},"required":["query"],"additionalProperties":false}""";

    /// <inheritdoc/>
    public bool IsIdempotent => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc/>
    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc/>
    public Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ToolArguments.OnlyMembers(request.Arguments, "query");
        var query = ToolArguments.RequiredString(request.Arguments, "query");
        // One more than asked tells whether a next page exists without counting twice.
        var page = _index.Search(query, id => ScopeGlob.AnyMatches(request.Context.Scope.ReadablePaths, id), request.Offset, request.Limit + 1);
        var hits = page.Hits.Take(request.Limit).ToList();
        var items = hits.Select(ToItem).ToList();
        return Task.FromResult(new ToolPage(items, page.Total, page.Hits.Count > request.Limit));
    }

    private static ToolItem ToItem(SearchHit hit)
    {
        var pointer = new EvidencePointer
        {
            EvidenceId = hit.Chunk.EvidenceId,
            ChunkId = hit.Chunk.ChunkId,
            Span = new EvidenceSpan { Start = hit.SpanStart, End = hit.SpanEnd },
        };
        var data = AgentJson.Parse(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["evidence_id"] = pointer.EvidenceId,
            ["chunk_id"] = pointer.ChunkId,
            ["span"] = new Dictionary<string, long> { ["start"] = hit.SpanStart, ["end"] = hit.SpanEnd },
            ["score"] = hit.Score,
            ["text"] = hit.SpanText,
        }));
        return new ToolItem(data, $"[{pointer.EvidenceId}#{pointer.ChunkId} {hit.SpanStart}-{hit.SpanEnd}] {hit.SpanText}", new[] { new EvidenceCitation(pointer, hit.Chunk.Text) });
    }
}
