using System;
using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tools;

/// <summary>
/// A tool call after the guardrails: what the observation reports. Whatever the tool did — returned too much,
/// nothing, threw, hung, or was never allowed to run — the loop gets one of these, never an exception.
/// </summary>
/// <param name="Status">ok, empty or error.</param>
/// <param name="Summary">What the planner reads (at most 4,000 characters).</param>
/// <param name="Evidence">Evidence of the items returned.</param>
/// <param name="Pagination">Page metadata when the result was capped or paged.</param>
/// <param name="Guidance">Typed guidance for an empty result.</param>
/// <param name="Capped">The <c>tool_io_capped</c> guardrail outcome when the result was cut.</param>
/// <param name="FullResult">The returned page as JSON (recorded as the observation's result artifact); null when the tool did not run.</param>
/// <param name="Refusal">Why the call was refused before it ran (scope, override), or null.</param>
public sealed record GuardedResult(
    ObserveStatus Status,
    string Summary,
    IReadOnlyList<EvidenceCitation> Evidence,
    ToolPageInfo? Pagination,
    ZeroResultGuidance? Guidance,
    ToolIoCappedOutcome? Capped,
    byte[]? FullResult,
    string? Refusal)
{
    /// <summary>A call refused before it ran.</summary>
    public static GuardedResult Refused(string reason)
        => new(ObserveStatus.Error, Clip("refused: " + reason), Array.Empty<EvidenceCitation>(), null, null, null, null, reason);

    /// <summary>A call that failed (bad arguments, exception, timeout).</summary>
    public static GuardedResult Failed(string message)
        => new(ObserveStatus.Error, Clip("error: " + message), Array.Empty<EvidenceCitation>(), null, null, null, null, null);

    /// <summary>The observation summary limit of the contract.</summary>
    public const int SummaryLimit = 4000;

    internal static string Clip(string text) => text.Length <= SummaryLimit ? text : text[..(SummaryLimit - 1)] + "…";
}
