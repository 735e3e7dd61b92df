using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Research;

/// <summary><c>read_chunk</c>: the whole text of one chunk, as an evidence pointer spanning it. Reads the document it names, so scope applies.</summary>
public sealed class ReadChunkTool : ITool
{
    private readonly IDocumentIndex _index;

    /// <summary>Creates the tool over <paramref name="index"/>.</summary>
    public ReadChunkTool(IDocumentIndex index)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
    }

    /// <inheritdoc/>
    public string Name => "read_chunk";

    /// <inheritdoc/>
    public string Description => "Reads one chunk of an indexed document in full (evidence_id and chunk_id as search returned them).";

    /// <inheritdoc/>
    public string InputSchema => """{"type":"object","properties":{"evidence_id":{"type":"string"},"chunk_id":{"type":"string"}},"required":["evidence_id","chunk_id"],"additionalProperties":false}""";

    /// <inheritdoc/>
    public bool IsIdempotent => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => new[] { ToolArguments.RequiredString(arguments, "evidence_id") };

    /// <inheritdoc/>
    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc/>
    public Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ToolArguments.OnlyMembers(request.Arguments, "evidence_id", "chunk_id");
        var evidenceId = ToolArguments.RequiredString(request.Arguments, "evidence_id");
        var chunkId = ToolArguments.RequiredString(request.Arguments, "chunk_id");
        var chunk = _index.Find(evidenceId, chunkId);
        if (chunk is null)
        {
            return Task.FromResult(ToolPage.Empty(new ZeroResultGuidance
            {
                Suggestions = new[] { ZeroResultSuggestion.TryAlternateTool, ZeroResultSuggestion.CheckSpelling },
                Message = $"There is no chunk '{chunkId}' in '{evidenceId}': take evidence_id and chunk_id from a search result.",
            }));
        }

        var pointer = new EvidencePointer { EvidenceId = evidenceId, ChunkId = chunkId, Span = new EvidenceSpan { Start = 0, End = chunk.Text.Length } };
        var data = AgentJson.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["evidence_id"] = evidenceId, ["chunk_id"] = chunkId, ["text"] = chunk.Text }));
        var item = new ToolItem(data, $"[{evidenceId}#{chunkId} 0-{chunk.Text.Length}] {chunk.Text}", new[] { new EvidenceCitation(pointer, chunk.Text) });
        return Task.FromResult(new ToolPage(new[] { item }, 1, false));
    }
}
