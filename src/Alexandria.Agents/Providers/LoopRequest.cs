using System.Collections.Generic;
using Alexandria.Contracts.Prompts;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// What the loop tells a provider adapter about one request besides its messages: the manifest prompt, the cache
/// breakpoints of the system message (offsets into its text), the output schema to send and the run. Carried in
/// <see cref="ChatOptions.AdditionalProperties"/> under <see cref="Key"/> and removed before the request leaves.
/// </summary>
/// <param name="PromptId">The manifest prompt the request was rendered from (<c>repair</c> for a repair turn).</param>
/// <param name="SchemaPromptId">The prompt whose output schema the reply must satisfy (the repaired prompt for a repair turn).</param>
/// <param name="RunId">The run, for telemetry.</param>
/// <param name="Breakpoints">Cache breakpoints of the first (system) message, ascending.</param>
/// <param name="PrefixSha256">Hash of the system text up to the last breakpoint.</param>
/// <param name="OutputSchema">The provider forms of the output schema, or null for plain JSON mode.</param>
public sealed record LoopRequest(
    string PromptId,
    string SchemaPromptId,
    string? RunId,
    IReadOnlyList<CacheBreakpoint> Breakpoints,
    string PrefixSha256,
    ProviderOutputSchema? OutputSchema)
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key.</summary>
    public const string Key = "alexandria.request";

    /// <summary>The request a loop call carries, or null for any other caller.</summary>
    public static LoopRequest? Of(ChatOptions? options)
        => options?.AdditionalProperties is { } properties && properties.TryGetValue(Key, out var value) ? value as LoopRequest : null;
}
