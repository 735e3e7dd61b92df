using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Contracts;

namespace Alexandria.Agents.Providers;

/// <summary>
/// A run's model calls for one model, from its <c>token_usage</c> events: tokens, prompt-cache hits and the cost
/// the model table's prices give (null without prices for that model).
/// </summary>
/// <param name="Model">The model id the provider reported ("(unknown)" when it reported none).</param>
/// <param name="Calls">Model calls.</param>
/// <param name="InputTokens">Input tokens, cached ones included.</param>
/// <param name="CachedTokens">Input tokens read from the prompt cache.</param>
/// <param name="CacheCreationTokens">Input tokens written to the prompt cache.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CacheHitCalls">Calls that read anything from the cache.</param>
/// <param name="CachedShare">Cached over input tokens (0–1).</param>
/// <param name="EstimatedCostUsd">Estimated USD cost, or null when the table has no price for the model.</param>
public sealed record ModelUsageSummary(
    string Model,
    int Calls,
    long InputTokens,
    long CachedTokens,
    long CacheCreationTokens,
    long OutputTokens,
    int CacheHitCalls,
    double CachedShare,
    decimal? EstimatedCostUsd)
{
    /// <summary>One summary per model, in order of first use.</summary>
    public static IReadOnlyList<ModelUsageSummary> Of(IEnumerable<TokenUsagePayload> usages, ModelTable table)
    {
        ArgumentNullException.ThrowIfNull(usages);
        ArgumentNullException.ThrowIfNull(table);
        return usages.GroupBy(u => u.Model ?? "(unknown)").Select(g =>
        {
            var input = g.Sum(u => u.InputTokens);
            var cached = g.Sum(u => u.CachedTokens);
            var created = g.Sum(u => u.CacheCreationTokens ?? 0);
            var output = g.Sum(u => u.OutputTokens);
            var prices = table.FindModel(g.Key)?.Prices;
            decimal? cost = prices is null ? null
                : ((Math.Max(0, input - cached - created) * prices.Input) + (cached * prices.CachedInput) + (created * (prices.CacheWrite ?? prices.Input)) + (output * prices.Output)) / 1_000_000m;
            return new ModelUsageSummary(g.Key, g.Count(), input, cached, created, output, g.Count(u => u.CachedTokens > 0), input == 0 ? 0 : (double)cached / input, cost);
        }).ToList();
    }
}
