using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Alexandria.Agents.Mcp;

/// <summary>
/// One tool of an MCP server as an <see cref="ITool"/>: its input schema goes to the catalog unchanged, each content
/// block of its result becomes one item (so the guard's caps and cursors page through them), an empty result gets
/// the guard's zero-result guidance, and an <c>isError</c> result is thrown for the guard to turn into an error
/// observation. MCP calls do not page: a cursor re-runs the call and skips the items already seen.
/// </summary>
internal sealed class McpTool : ITool
{
    private readonly McpClient _client;
    private readonly Tool _tool;

    internal McpTool(McpClient client, Tool tool, string name)
    {
        _client = client;
        _tool = tool;
        Name = name;
        InputSchema = tool.InputSchema.GetRawText();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description => _tool.Description ?? _tool.Title ?? $"MCP tool '{_tool.Name}'.";

    /// <inheritdoc />
    public string InputSchema { get; }

    /// <summary>What the server declares: read-only or idempotent tools may be retried on resume, others not.</summary>
    public bool IsIdempotent => _tool.Annotations is { } hints && (hints.ReadOnlyHint == true || hints.IdempotentHint == true);

    /// <summary>None the runtime can know: an MCP tool is scoped by the handoff's tool list only.</summary>
    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc cref="ReadPaths" />
    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    /// <inheritdoc />
    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = request.Arguments.ValueKind switch
        {
            JsonValueKind.Object => request.Arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()),
            JsonValueKind.Undefined or JsonValueKind.Null => new Dictionary<string, object?>(),
            _ => throw new ToolArgumentException("", "must be a JSON object."),
        };

        var result = await _client.CallToolAsync(_tool.Name, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        var items = Items(result);
        if (result.IsError == true)
        {
            var reason = string.Join(" ", items.Select(i => i.Line));
            throw new McpToolErrorException(reason.Length == 0 ? "the server reported an error without a message." : reason);
        }

        return new ToolPage(items.Skip(request.Offset).ToList(), items.Count, false);
    }

    private static List<ToolItem> Items(CallToolResult result)
    {
        var items = result.Content.Select(block => new ToolItem(
                JsonSerializer.SerializeToElement(block, McpJsonUtilities.DefaultOptions),
                Line(block),
                Array.Empty<EvidenceCitation>()))
            .ToList();
        if (items.Count == 0 && result.StructuredContent is { } structured)
        {
            items.Add(new ToolItem(structured.Clone(), OneLine(structured.GetRawText()), Array.Empty<EvidenceCitation>()));
        }

        return items;
    }

    private static string Line(ContentBlock block) => block switch
    {
        TextContentBlock text => OneLine(text.Text),
        ImageContentBlock image => $"[image {image.MimeType}]",
        AudioContentBlock audio => $"[audio {audio.MimeType}]",
        ResourceLinkBlock link => $"[resource {link.Uri}] {link.Name}",
        EmbeddedResourceBlock embedded => $"[resource {embedded.Resource.Uri}]",
        _ => $"[{block.Type}]",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
