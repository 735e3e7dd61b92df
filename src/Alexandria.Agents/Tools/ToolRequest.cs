using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tools;

/// <summary>One call as a tool sees it: its arguments (without the runtime's <c>cursor</c>), the page wanted, and the caller's scope.</summary>
/// <param name="Arguments">The act's arguments, <c>cursor</c> removed.</param>
/// <param name="Offset">First item wanted (0 for the first page; from the cursor otherwise).</param>
/// <param name="Limit">Most items wanted (the guard's item cap).</param>
/// <param name="Context">Run, call, scope and evidence checks of the call.</param>
public sealed record ToolRequest(JsonElement Arguments, int Offset, int Limit, ToolCallContext Context);

/// <summary>What a tool may know about its caller.</summary>
/// <param name="RunId">The run.</param>
/// <param name="CallId">The call.</param>
/// <param name="Scope">The handoff packet's scope: what the executor may read and write.</param>
/// <param name="Evidence">Checks that evidence pointers resolve in the run.</param>
public sealed record ToolCallContext(string RunId, string CallId, HandoffScope Scope, IEvidenceCheck Evidence)
{
    /// <summary>
    /// <c>&lt;run_id&gt;/&lt;call_id&gt;</c>: the same for every attempt of one call (a resumed run retries an interrupted
    /// idempotent call under the same key), so a tool with side effects can pass it on to deduplicate them.
    /// </summary>
    public string IdempotencyKey { get; init; } = RunId + "/" + CallId;
}
