using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>Reads the prompt-cache counts providers report beyond <see cref="UsageDetails.CachedInputTokenCount"/>.</summary>
public static class ProviderUsage
{
    /// <summary>
    /// The key the Anthropic <c>IChatClient</c> files <c>cache_creation_input_tokens</c> under; the OpenAI adapter files
    /// OpenAI's <c>cache_write_tokens</c> under the same key (Microsoft.Extensions.AI maps no cache-write count).
    /// </summary>
    public const string CacheCreationKey = "CacheCreationInputTokens";

    /// <summary>Tokens written to the prompt cache by a call, or null when the provider reported none.</summary>
    public static long? CacheCreationTokens(UsageDetails? usage)
        => usage?.AdditionalCounts is { } counts && counts.TryGetValue(CacheCreationKey, out var value) ? value : null;
}
