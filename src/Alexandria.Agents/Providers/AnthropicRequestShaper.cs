using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Anthropic messages: the schema goes out as <c>output_config.format = {type: json_schema, schema}</c> exactly as
/// given (the SDK's own <c>ChatResponseFormat</c> path strips <c>pattern</c>), or no format at all when the schema
/// has no Anthropic form (Anthropic has no plain JSON mode: the prompt asks for JSON and the validator judges).
/// Anthropic caches only at explicit breakpoints, so the system message is cut at the manifest's
/// <c>cache_breakpoints</c> into text blocks and each block that ends at a breakpoint carries
/// <c>cache_control: {type: ephemeral, ttl}</c> — at most four (the last four: they cover the longest prefixes), and
/// every one within the 20-block lookback because the system message has at most five blocks. Order on the wire is
/// tools → system → messages; everything after the last breakpoint (the step's events, repair turns) is volatile.
/// </summary>
public sealed class AnthropicRequestShaper : ProviderRequestShaper
{
    /// <summary>Anthropic's limit on cache breakpoints per request.</summary>
    public const int MaxBreakpoints = 4;

    /// <summary>Wraps the Anthropic <see cref="IChatClient"/>.</summary>
    public AnthropicRequestShaper(IChatClient inner, ProviderSettings settings, ModelTable models, Action<string>? warn)
        : base(inner, settings, models, warn)
    {
    }

    /// <inheritdoc/>
    protected override string ProviderName => "anthropic";

    /// <inheritdoc/>
    protected override bool WarnsAtEveryBreakpoint(string model) => true;

    /// <inheritdoc/>
    protected override List<ChatMessage> ShapeMessages(List<ChatMessage> messages, LoopRequest request, string model)
    {
        if (messages.Count == 0 || messages[0].Role != ChatRole.System || request.Breakpoints.Count == 0)
        {
            return messages;
        }

        var ttl = Settings.CacheTtl == "1h" ? Ttl.Ttl1h : Ttl.Ttl5m;
        var blocks = CutAtBreakpoints(messages[0].Text, request, MaxBreakpoints)
            .Select(piece => piece.EndsAtBreakpoint ? new TextContent(piece.Text).WithCacheControl(ttl) : new TextContent(piece.Text))
            .ToList<AIContent>();
        var shaped = new List<ChatMessage>(messages.Count) { new(ChatRole.System, blocks) };
        shaped.AddRange(messages.Skip(1));
        return shaped;
    }

    /// <inheritdoc/>
    protected override Func<IChatClient, object?> NativeOptions(ChatOptions options, LoopRequest request)
    {
        var schema = request.OutputSchema?.Anthropic;
        var model = options.ModelId ?? throw new ProviderConfigurationException("Anthropic needs a model: give --model or set Alexandria:Provider:Model.");
        var maxTokens = options.MaxOutputTokens ?? Settings.MaxOutputTokens;
        return _ => new MessageCreateParams
        {
            Model = model,
            MaxTokens = maxTokens,
            Messages = new List<MessageParam>(),
            OutputConfig = schema is null ? null : new OutputConfig { Format = new JsonOutputFormat { Schema = SchemaMembers(schema) } },
        };
    }

    /// <summary>The schema's top-level members in their order, values untouched.</summary>
    private static Dictionary<string, JsonElement> SchemaMembers(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
