using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Agents.Tools;

/// <summary>
/// A tool the executor may call. Tools stay simple — read arguments, return one page of items — because
/// everything users rely on around them (scope checks, caps, pagination cursors, zero-result guidance,
/// timeouts, exceptions as observations) is the <see cref="ToolGuard"/>'s job, the same for every tool.
/// </summary>
public interface ITool
{
    /// <summary>Name the model calls it by (<c>^[a-z][a-z0-9_.-]{0,63}$</c>).</summary>
    string Name { get; }

    /// <summary>One sentence for the tool catalog.</summary>
    string Description { get; }

    /// <summary>JSON Schema of the arguments, shown to the model in the catalog.</summary>
    string InputSchema { get; }

    /// <summary>True when running the same call twice has the effect of running it once (resume may retry it).</summary>
    bool IsIdempotent { get; }

    /// <summary>The evidence/document paths a call with <paramref name="arguments"/> reads, checked against the packet's readable paths.</summary>
    IReadOnlyList<string> ReadPaths(JsonElement arguments);

    /// <summary>The paths a call with <paramref name="arguments"/> writes, checked against the packet's writable paths.</summary>
    IReadOnlyList<string> WritePaths(JsonElement arguments);

    /// <summary>Runs the call and returns the page of results starting at <see cref="ToolRequest.Offset"/>.</summary>
    /// <exception cref="ToolArgumentException">The arguments do not fit the input schema; becomes an error observation.</exception>
    Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken);
}
