using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>
/// A tool for loop tests: every call answers one fixed item and is recorded with its idempotency key, so a test can
/// count the side effects a run and its resume caused.
/// </summary>
/// <param name="name">The tool's name, as the scripted executor calls it.</param>
/// <param name="inputSchema">The JSON Schema of its arguments.</param>
/// <param name="resultJson">The one item every call returns.</param>
/// <param name="summary">That item's summary.</param>
/// <param name="idempotent">Whether the loop may run a call again after a crash.</param>
internal sealed class StubTool(string name, string inputSchema, string resultJson, string summary, bool idempotent = true) : ITool
{
    /// <summary>The idempotency key of every call, in order.</summary>
    public List<string> Keys { get; } = new();

    /// <summary>How many times the tool ran (its side effects).</summary>
    public int Effects => Keys.Count;

    /// <summary>Runs inside the first call, after it is recorded: where a test crashes the run mid-call.</summary>
    public Func<CancellationToken, Task>? DuringFirstCall { get; init; }

    public string Name => name;

    public string Description { get; init; } = "A test tool.";

    public string InputSchema => inputSchema;

    public bool IsIdempotent => idempotent;

    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        Keys.Add(request.Context.IdempotencyKey);
        if (Keys.Count == 1 && DuringFirstCall is not null)
        {
            await DuringFirstCall(cancellationToken);
        }

        using var doc = JsonDocument.Parse(resultJson);
        return new ToolPage(new[] { new ToolItem(doc.RootElement.Clone(), summary, Array.Empty<EvidenceCitation>()) }, 1, false);
    }
}
