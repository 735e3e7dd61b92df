using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;

namespace Alexandria.Agents.Research;

/// <summary>
/// <c>answer</c>: submits the run's final answer with its citations. Every citation must be a valid evidence
/// pointer that resolves to evidence this run has already observed — an answer cannot cite what no tool returned.
/// </summary>
public sealed class AnswerTool : ITool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "answer";

    /// <inheritdoc/>
    public string Name => ToolName;

    /// <inheritdoc/>
    public string Description => "Submits the final answer; every citation must be an evidence pointer (evidence_id, chunk_id, span) returned earlier in this run.";

    /// <inheritdoc/>
    public string InputSchema => """{"type":"object","properties":{"answer":{"type":"string","minLength":1,"maxLength":3000},"citations":{"type":"array","minItems":1,"items":{"$ref":"output_schema.json#/$defs/evidence_pointer"}}},"required":["answer","citations"],"additionalProperties":false}""";

    /// <inheritdoc/>
    public bool IsIdempotent => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> ReadPaths(JsonElement arguments)
        => arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array
            ? citations.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("evidence_id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(c => c.GetProperty("evidence_id").GetString()!).Distinct(StringComparer.Ordinal).ToList()
            : Array.Empty<string>();

    /// <inheritdoc/>
    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc/>
    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ToolArguments.OnlyMembers(request.Arguments, "answer", "citations");
        var answer = ToolArguments.RequiredString(request.Arguments, "answer");
        if (answer.Length > 3000)
        {
            throw new ToolArgumentException("/answer", "must be at most 3000 characters.");
        }

        if (!request.Arguments.TryGetProperty("citations", out var citations) || citations.ValueKind != JsonValueKind.Array || citations.GetArrayLength() == 0)
        {
            throw new ToolArgumentException("/citations", "must be a non-empty array of evidence pointers.");
        }

        var pointers = new List<EvidencePointer>();
        var index = 0;
        foreach (var citation in citations.EnumerateArray())
        {
            var errors = EvidencePointerValidator.Validate(citation).Errors;
            if (errors.Count > 0)
            {
                throw new ToolArgumentException($"/citations/{index}{errors[0].InstancePointer}", errors[0].Message);
            }

            pointers.Add(AgentJson.Deserialize<EvidencePointer>(citation));
            index++;
        }

        var unresolved = await request.Context.Evidence.FindUnresolvedAsync(pointers, cancellationToken).ConfigureAwait(false);
        if (unresolved.Count > 0)
        {
            throw new ToolArgumentException("/citations", "cite only evidence a tool returned in this run: " + string.Join(" ", unresolved));
        }

        // One item: an answer is never split across pages.
        var data = AgentJson.Parse("{\"answer\":" + JsonSerializer.Serialize(answer) + ",\"citations\":" + citations.GetRawText() + "}");
        var line = answer + "\n" + string.Join("\n", pointers.Select(p => $"cites [{p.EvidenceId}#{p.ChunkId} {p.Span.Start}-{p.Span.End}]"));
        return new ToolPage(new[] { new ToolItem(data, line, pointers.Select(p => new EvidenceCitation(p, null)).ToList()) }, 1, false);
    }
}
