using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Models;

/// <summary>
/// How the loop labels its requests and what counts as "the bytes sent to the model": the role and text of
/// every message, in order, as compact JSON. Scripts pin replays to these bytes and the isolation tests
/// assert on them, so both read the same thing a provider adapter serializes.
/// </summary>
public static class ModelRequest
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key naming the manifest prompt a request was rendered from.</summary>
    public const string PromptIdKey = "alexandria.prompt_id";

    /// <summary>Options that tag a request with <paramref name="promptId"/>.</summary>
    public static ChatOptions OptionsFor(string promptId)
        => new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PromptIdKey] = promptId } };

    /// <summary>Options that tag a loop request with <paramref name="promptId"/> and tell provider adapters its cache layout and output schema.</summary>
    public static ChatOptions OptionsFor(string promptId, Providers.LoopRequest request)
    {
        var options = OptionsFor(promptId);
        options.AdditionalProperties![Providers.LoopRequest.Key] = request;
        return options;
    }

    /// <summary>The manifest prompt id a request carries, or null.</summary>
    public static string? PromptIdOf(ChatOptions? options)
        => options?.AdditionalProperties is { } properties && properties.TryGetValue(PromptIdKey, out var value) ? value as string : null;

    /// <summary>The request bytes: <c>[{"role":…,"text":…},…]</c>, UTF-8, no whitespace.</summary>
    public static byte[] ToBytes(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("text", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Lowercase hex SHA-256 of <see cref="ToBytes"/>.</summary>
    public static string Sha256(IEnumerable<ChatMessage> messages) => Convert.ToHexStringLower(SHA256.HashData(ToBytes(messages)));

    /// <summary>All message text of a request, in order, for substring expectations.</summary>
    public static string Text(IEnumerable<ChatMessage> messages) => string.Join("\n", messages.Select(m => m.Text));
}
