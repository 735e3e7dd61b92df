using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace Alexandria.Agents.Providers;

#pragma warning disable SCME0001 // JsonPatch is how the SDK carries members it has no property for yet.
#pragma warning disable OPENAI001 // The Responses types are experimental in the SDK; that path is opt-in (OpenAiApi = responses).

/// <summary>
/// The OpenAI prompt-cache members the SDK (OpenAI 2.15.0) and Microsoft.Extensions.AI have no property for, sent and
/// read through the SDK models' JSON patches: <c>prompt_cache_breakpoint</c> on a text part,
/// <c>prompt_cache_options</c> on the request, and <c>cache_write_tokens</c> in the usage of a reply (chat completions
/// <c>usage.prompt_tokens_details</c>, Responses <c>usage.input_tokens_details</c>).
/// </summary>
internal static class OpenAiCacheBreakpoints
{
    /// <summary>
    /// The SDK text part for <paramref name="text"/> (chat completions <c>text</c>, Responses <c>input_text</c>), marked
    /// <c>prompt_cache_breakpoint: {mode: explicit}</c> when it ends at a breakpoint. Microsoft.Extensions.AI sends a
    /// <see cref="TextContent"/>'s raw representation of the SDK's part type as it is.
    /// </summary>
    public static object Part(string text, bool breakpoint, bool responses)
    {
        if (responses)
        {
            var input = ResponseContentPart.CreateInputTextPart(text);
            if (breakpoint)
            {
                input.Patch.Set("$.prompt_cache_breakpoint"u8, "{\"mode\":\"explicit\"}"u8);
            }

            return input;
        }

        var part = ChatMessageContentPart.CreateTextPart(text);
        if (breakpoint)
        {
            part.Patch.Set("$.prompt_cache_breakpoint"u8, "{\"mode\":\"explicit\"}"u8);
        }

        return part;
    }

    /// <summary>
    /// <c>{"mode": "explicit", "ttl": …}</c>: only the marked breakpoints are written (the implicit one would sit at the end
    /// of the latest message, the volatile tail, and pay the write fee on every request for nothing).
    /// </summary>
    public static byte[] Options(string? ttl)
        => Encoding.UTF8.GetBytes(ttl is null ? "{\"mode\":\"explicit\"}" : "{\"mode\":\"explicit\",\"ttl\":" + JsonSerializer.Serialize(ttl) + "}");

    /// <summary>
    /// Files the <c>cache_write_tokens</c> that <paramref name="raw"/> (the SDK's completion, Responses result or their
    /// streamed forms) reports into <paramref name="usage"/> under <see cref="ProviderUsage.CacheCreationKey"/>, the key
    /// Anthropic's writes use; nothing when the reply reports none (or 0).
    /// </summary>
    public static void AddCacheWrites(UsageDetails usage, object? raw)
    {
        if (CacheWriteTokens(raw) is > 0 and var written)
        {
            (usage.AdditionalCounts ??= new())[ProviderUsage.CacheCreationKey] = written;
        }
    }

    private static long? CacheWriteTokens(object? raw)
    {
        long value;
        var found = raw switch
        {
            ChatCompletion completion => completion.Patch.TryGetValue("$.usage.prompt_tokens_details.cache_write_tokens"u8, out value),
            StreamingChatCompletionUpdate update => update.Patch.TryGetValue("$.usage.prompt_tokens_details.cache_write_tokens"u8, out value),
            ResponseResult response => response.Patch.TryGetValue("$.usage.input_tokens_details.cache_write_tokens"u8, out value),
            StreamingResponseCompletedUpdate completed => completed.Patch.TryGetValue("$.response.usage.input_tokens_details.cache_write_tokens"u8, out value),
            _ => (value = 0) != 0,
        };
        return found ? value : null;
    }
}
