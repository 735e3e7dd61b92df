using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Providers.Tests.Stub;

/// <summary>
/// The stub's GPT-5.6 cache follows the documented rules the 50-step test relies on: a hit only at a breakpoint an
/// earlier request wrote, exact to the boundary; lookups check the first 2 and the latest 50 marked parts.
/// </summary>
public sealed class OpenAiBreakpointCacheTests
{
    // 100 bytes = 25 tokens per part; the minimum is lowered so that every breakpoint is cacheable.
    private static string Part(int i) => i.ToString("D4") + new string('x', 96);

    private static JsonElement Request(IEnumerable<(string Text, bool Marked)> parts) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["model"] = "gpt-5.6",
        ["prompt_cache_options"] = new { mode = "explicit", ttl = "30m" },
        ["input"] = new[]
        {
            new Dictionary<string, object>
            {
                ["type"] = "message", ["role"] = "system",
                ["content"] = parts.Select(p => p.Marked
                    ? (object)new { type = "input_text", text = p.Text, prompt_cache_breakpoint = new { mode = "explicit" } }
                    : new { type = "input_text", text = p.Text }).ToArray(),
            },
        },
    });

    private static JsonElement Marked(int from, int count) => Request(Enumerable.Range(from, count).Select(i => (Part(i), true)));

    [Fact]
    public void A_hit_needs_a_written_boundary_exactly()
    {
        var cache = new PrefixCache(minimumTokens: 1);
        var first = cache.OpenAi(Marked(1, 10)); // writes the latest four: after parts 7, 8, 9 and 10

        // The same bytes, one part longer, with its only marker after part 11: no boundary of it was written.
        var unmarked = cache.OpenAi(Request(Enumerable.Range(1, 11).Select(i => (Part(i), i == 11))));
        var exact = cache.OpenAi(Marked(1, 10));

        Assert.Equal((0, first.TotalInputTokens - first.InputTokens), (first.CachedTokens, first.CacheCreationTokens));
        Assert.Equal(0, unmarked.CachedTokens);
        Assert.Equal(first.CacheCreationTokens, exact.CachedTokens);
        Assert.Equal(0, exact.CacheCreationTokens);
    }

    [Fact]
    public void Lookups_check_the_first_two_and_the_latest_fifty_breakpoints()
    {
        var cache = new PrefixCache(minimumTokens: 1);
        cache.OpenAi(Marked(1, 3));                 // writes after parts 1, 2 and 3
        var prefixOfTwo = PrefixCache.Tokens(Marked(1, 2).GetProperty("input")[0].GetProperty("content").EnumerateArray().Sum(p => p.GetProperty("text").GetString()!.Length) + "model:gpt-5.6\n\nsystem:".Length);

        // 63 breakpoints: the third is neither among the first two nor the latest fifty, so the longest hit is the second.
        var long63 = cache.OpenAi(Marked(1, 63));
        Assert.Equal(prefixOfTwo, long63.CachedTokens);

        // 52 breakpoints: the third is among the latest fifty again.
        var long52 = cache.OpenAi(Marked(1, 52));
        Assert.Equal(prefixOfTwo + 25, long52.CachedTokens);
    }
}
