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
/// OpenAI: implicit: the longest byte-identical prefix shared with an earlier request (model, response format,
/// tools, messages), counted in 128-token steps from the 1,024-token minimum.
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

    public CacheUsage OpenAi(JsonElement request)
    {
        var canonical = new List<byte>();
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
            Add("\ninstructions:" + instructions.GetString());
        }

        var messages = request.TryGetProperty("messages", out var chat) ? chat : request.GetProperty("input");
        foreach (var message in messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray().ToList() : new List<JsonElement> { messages })
        {
            if (message.ValueKind == JsonValueKind.String)
            {
                Add("\nuser:" + message.GetString());
                continue;
            }

            Add("\n" + message.GetProperty("role").GetString() + ":");
            var content = message.GetProperty("content");
            Add(content.ValueKind == JsonValueKind.String ? content.GetString()! : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString())));
        }

        var bytes = canonical.ToArray();
        var common = _seen.Select(previous => CommonPrefix(previous, bytes)).DefaultIfEmpty(0).Max();
        _seen.Add(bytes);
        var cached = Tokens(common) >= MinimumTokens ? Tokens(common) / 128 * 128 : 0;
        var total = Tokens(bytes.Length);
        return new CacheUsage(total, cached, 0, total);
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
