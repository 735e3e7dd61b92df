using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Alexandria.Providers.Tests.Stub;

/// <summary>What a simulated prompt cache reports for one request (tokens are UTF-8 bytes / 4).</summary>
public readonly record struct CacheUsage(long InputTokens, long CachedTokens, long CacheCreationTokens, long TotalInputTokens);

/// <summary>
/// Simulated provider prompt caches, as the providers document them. Anthropic: a prefix is written at each
/// <c>cache_control</c> breakpoint and read when a later request has a breakpoint on byte-identical canonical
/// prefix bytes (model, tools, system and message blocks before it); nothing under the minimum is cached.
/// OpenAI before GPT-5.6: implicit: the longest byte-identical prefix shared with an earlier request (model, response
/// format, tools, messages), counted in 128-token steps from the 1,024-token minimum. OpenAI GPT-5.6+ (requests with
/// <c>prompt_cache_options</c>): exact matches at breakpoints only, see <see cref="OpenAi"/>.
/// </summary>
public sealed class PrefixCache
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly List<byte[]> _seen = new();

    public PrefixCache(int minimumTokens)
    {
        MinimumTokens = minimumTokens;
    }

    public int MinimumTokens { get; set; }

    public static long Tokens(long bytes) => bytes / 4;

    public CacheUsage Anthropic(JsonElement request)
    {
        var blocks = new List<(byte[] Bytes, bool Breakpoint)> { (Encoding.UTF8.GetBytes("model:" + request.GetProperty("model").GetString()), false) };
        if (request.TryGetProperty("tools", out var tools))
        {
            blocks.AddRange(tools.EnumerateArray().Select(t => (Canonical(t), t.TryGetProperty("cache_control", out _))));
        }

        if (request.TryGetProperty("system", out var system))
        {
            blocks.AddRange(system.ValueKind == JsonValueKind.String
                ? new[] { (Encoding.UTF8.GetBytes(system.GetString()!), false) }
                : system.EnumerateArray().Select(b => (Canonical(b), b.TryGetProperty("cache_control", out _))));
        }

        if (request.TryGetProperty("output_config", out var format))
        {
            blocks.Insert(1, (Canonical(format), false)); // a format change invalidates the cache
        }

        foreach (var message in request.GetProperty("messages").EnumerateArray())
        {
            var content = message.GetProperty("content");
            blocks.AddRange(content.ValueKind == JsonValueKind.String
                ? new[] { (Encoding.UTF8.GetBytes(content.GetString()!), false) }
                : content.EnumerateArray().Select(b => (Canonical(b), b.TryGetProperty("cache_control", out _))));
        }

        var total = Tokens(blocks.Sum(b => (long)b.Bytes.Length));
        var prefixes = new List<(string Hash, long Tokens)>();
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            long bytes = 0;
            foreach (var (block, breakpoint) in blocks)
            {
                sha.AppendData(block);
                bytes += block.Length;
                if (breakpoint && Tokens(bytes) >= MinimumTokens)
                {
                    prefixes.Add((Convert.ToHexString(sha.GetCurrentHash()), Tokens(bytes)));
                }
            }
        }

        long read = prefixes.Where(p => _written.Contains(p.Hash)).Select(p => p.Tokens).DefaultIfEmpty(0).Max();
        long created = prefixes.Count > 0 && !_written.Contains(prefixes[^1].Hash) ? prefixes[^1].Tokens - read : 0;
        foreach (var p in prefixes)
        {
            _written.Add(p.Hash);
        }

        return new CacheUsage(total - read - created, read, created, total);
    }

    /// <summary>
    /// OpenAI. A request with <c>prompt_cache_options</c> (GPT-5.6+) is matched only at breakpoints: the content parts
    /// marked <c>prompt_cache_breakpoint</c> (lookup: the first 2 and the latest 50 of them; in implicit mode also the
    /// last 20 message ends), never at a shorter unmarked prefix; a hit needs a prefix an earlier request wrote, and
    /// counts exactly its tokens. Writes: the latest four marked parts (explicit mode) or the latest three plus the end
    /// of the last message (implicit mode), each only from the minimum. Without options: the pre-5.6 implicit cache.
    /// </summary>
    public CacheUsage OpenAi(JsonElement request)
    {
        var (bytes, marked, messageEnds) = OpenAiCanonical(request);
        var total = Tokens(bytes.Length);
        if (request.TryGetProperty("prompt_cache_options", out var options))
        {
            var explicitMode = options.GetProperty("mode").GetString() == "explicit";
            var lookups = marked.Take(FirstBreakpointsLooked).Concat(marked.TakeLast(LatestBreakpointsLooked));
            var writes = marked.TakeLast(explicitMode ? 4 : 3);
            if (!explicitMode)
            {
                lookups = lookups.Concat(messageEnds.TakeLast(20));
                writes = writes.Append(messageEnds[^1]);
            }

            return AtBreakpoints(bytes, lookups.ToList(), writes.ToList(), total);
        }

        var common = _seen.Select(previous => CommonPrefix(previous, bytes)).DefaultIfEmpty(0).Max();
        _seen.Add(bytes);
        var cached = Tokens(common) >= MinimumTokens ? Tokens(common) / 128 * 128 : 0;
        return new CacheUsage(total, cached, 0, total);
    }

    /// <summary>How many of a request's first explicit breakpoints an OpenAI lookup checks (with the latest ones).</summary>
    public const int FirstBreakpointsLooked = 2;

    /// <summary>How many of a request's latest explicit breakpoints an OpenAI lookup checks.</summary>
    public const int LatestBreakpointsLooked = 50;

    /// <summary>Exact-boundary matching: the longest looked-up prefix written before is read; new prefixes are written.</summary>
    private CacheUsage AtBreakpoints(byte[] bytes, List<int> lookups, List<int> writes, long total)
    {
        string Key(int end) => Convert.ToHexString(SHA256.HashData(bytes.AsSpan(0, end)));
        bool Cacheable(int end) => Tokens(end) >= MinimumTokens;
        var read = lookups.Where(e => Cacheable(e) && _written.Contains(Key(e))).Select(e => Tokens(e)).DefaultIfEmpty(0).Max();
        var fresh = writes.Where(e => Cacheable(e) && !_written.Contains(Key(e))).ToList();
        var created = fresh.Select(e => Tokens(e)).Where(t => t > read).DefaultIfEmpty(read).Max() - read;
        foreach (var end in fresh)
        {
            _written.Add(Key(end));
        }

        return new CacheUsage(total - read - created, read, created, total);
    }

    /// <summary>
    /// The canonical bytes of an OpenAI request (model, response format, tools, instructions, then each message's role
    /// and text; chat completions and the Responses API alike), the offsets where marked parts end and where messages end.
    /// </summary>
    private static (byte[] Bytes, List<int> Marked, List<int> MessageEnds) OpenAiCanonical(JsonElement request)
    {
        var canonical = new List<byte>();
        var marked = new List<int>();
        var messageEnds = new List<int>();
        void Add(string s) => canonical.AddRange(Encoding.UTF8.GetBytes(s));
        Add("model:" + request.GetProperty("model").GetString() + "\n");
        // Chat completions: response_format, messages. Responses API: text.format, instructions, input items.
        if (request.TryGetProperty("response_format", out var format) || (request.TryGetProperty("text", out var text) && text.TryGetProperty("format", out format)))
        {
            canonical.AddRange(Canonical(format));
        }

        if (request.TryGetProperty("tools", out var tools))
        {
            canonical.AddRange(Canonical(tools));
        }

        if (request.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.String)
        {
            Add("\ninstructions:" + instructions.GetString()); // no breakpoint can sit in the instructions
        }

        var messages = request.TryGetProperty("messages", out var chat) ? chat : request.GetProperty("input");
        foreach (var message in messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray().ToList() : new List<JsonElement> { messages })
        {
            if (message.ValueKind == JsonValueKind.String)
            {
                Add("\nuser:" + message.GetString());
                messageEnds.Add(canonical.Count);
                continue;
            }

            Add("\n" + message.GetProperty("role").GetString() + ":");
            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                Add(content.GetString()!);
            }
            else
            {
                foreach (var part in content.EnumerateArray())
                {
                    Add(part.GetProperty("text").GetString()!);
                    if (part.TryGetProperty("prompt_cache_breakpoint", out var breakpoint) && breakpoint.GetProperty("mode").GetString() == "explicit")
                    {
                        marked.Add(canonical.Count);
                    }
                }
            }

            messageEnds.Add(canonical.Count);
        }

        return (canonical.ToArray(), marked, messageEnds);
    }

    private static int CommonPrefix(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);

    /// <summary>A block's bytes without its cache_control marker (the marker is not part of the cached content).</summary>
    private static byte[] Canonical(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Encoding.UTF8.GetBytes(element.GetRawText());
        }

        var text = new StringBuilder("{");
        foreach (var property in element.EnumerateObject().Where(p => p.Name != "cache_control"))
        {
            text.Append(JsonSerializer.Serialize(property.Name)).Append(':').Append(property.Value.GetRawText()).Append(',');
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }
}
