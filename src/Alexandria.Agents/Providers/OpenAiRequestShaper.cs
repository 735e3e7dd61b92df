using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Responses;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Alexandria.Agents.Providers;

/// <summary>
/// OpenAI chat completions (and OpenAI-compatible endpoints): the strict schema goes out as
/// <c>response_format: {type: json_schema, json_schema: {name, schema, strict: true}}</c> exactly as given, or
/// <c>{type: json_object}</c> when the schema has no strict form; with <see cref="ProviderSettings.OpenAiApi"/>
/// <c>responses</c>, the Responses API's <c>text.format</c> carries the same bytes. The stable system text goes first
/// (it is one message, rendered from the manifest) and <c>prompt_cache_key</c> routes every request of a prompt to the
/// same cache. Models the model table marks <c>"cache_breakpoints": "explicit"</c> (GPT-5.6+) match a cached prefix only
/// at a breakpoint: for them the system text is cut at the manifest's breakpoints into text parts, each part that ends
/// at one carries <c>prompt_cache_breakpoint: {mode: explicit}</c> (the last four), and the request carries
/// <c>prompt_cache_options: {mode: explicit, ttl}</c> so that no implicit breakpoint is written on the volatile tail.
/// Other models cache the longest prefix they have seen implicitly and get the text as it is. A strict reply's nulls
/// for optional members are mapped back to absent members before the validator sees it; the cache writes OpenAI
/// reports (<c>cache_write_tokens</c>, which Microsoft.Extensions.AI does not map) are read from the raw response.
/// </summary>
public sealed class OpenAiRequestShaper : ProviderRequestShaper
{
    /// <summary>OpenAI's limit on cache writes per request (explicit mode: the latest four breakpoints).</summary>
    public const int MaxBreakpoints = 4;

    /// <summary>Wraps the OpenAI <see cref="IChatClient"/>.</summary>
    public OpenAiRequestShaper(IChatClient inner, ProviderSettings settings, ModelTable models, Action<string>? warn)
        : base(inner, settings, models, warn)
    {
    }

    /// <inheritdoc/>
    protected override string ProviderName => "openai";

    /// <inheritdoc/>
    protected override bool WarnsAtEveryBreakpoint(string model) => ExplicitEntry(model) is not null;

    /// <inheritdoc/>
    protected override List<ChatMessage> ShapeMessages(List<ChatMessage> messages, LoopRequest request, string model)
    {
        if (ExplicitEntry(model) is null || messages.Count == 0 || messages[0].Role != ChatRole.System || request.Breakpoints.Count == 0)
        {
            return messages;
        }

        var parts = CutAtBreakpoints(messages[0].Text, request, MaxBreakpoints)
            .Select(piece => new TextContent(piece.Text) { RawRepresentation = OpenAiCacheBreakpoints.Part(piece.Text, piece.EndsAtBreakpoint, Settings.UsesOpenAiResponses) })
            .ToList<AIContent>();
        var shaped = new List<ChatMessage>(messages.Count) { new(ChatRole.System, parts) };
        shaped.AddRange(messages.Skip(1));
        return shaped;
    }

    /// <inheritdoc/>
    protected override Func<IChatClient, object?> NativeOptions(ChatOptions options, LoopRequest request)
    {
        var schema = request.OutputSchema;
        var cacheKey = string.IsNullOrEmpty(Settings.PromptCacheKey) ? null : Settings.PromptCacheKey + ":" + request.SchemaPromptId;
        var cacheOptions = request.Breakpoints.Count > 0 && ExplicitEntry(options.ModelId ?? "") is { } entry ? OpenAiCacheBreakpoints.Options(entry.CacheTtls.FirstOrDefault()) : null;
        return Settings.UsesOpenAiResponses ? _ => ResponsesOptions(schema, cacheKey, cacheOptions) : _ => ChatOptions(schema, cacheKey, cacheOptions);
    }

    /// <inheritdoc/>
    protected override ChatResponseUpdate MapUpdate(ChatResponseUpdate update)
    {
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            OpenAiCacheBreakpoints.AddCacheWrites(usage.Details, update.RawRepresentation ?? usage.RawRepresentation);
        }

        return update;
    }

    /// <summary>The model's table entry when it takes explicit cache breakpoints, else null.</summary>
    private ModelEntry? ExplicitEntry(string model) => Models.Find(ProviderName, model) is { ExplicitBreakpoints: true } entry ? entry : null;

    /// <summary>Chat completions: <c>response_format</c> and <c>prompt_cache_key</c>.</summary>
    private static ChatCompletionOptions ChatOptions(ProviderOutputSchema? schema, string? cacheKey, byte[]? cacheOptions)
    {
        var native = new ChatCompletionOptions
        {
            ResponseFormat = schema?.OpenAiStrict is { } strict
                ? OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(schema.Name, BinaryData.FromString(strict), jsonSchemaIsStrict: true)
                : OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat(),
        };
#pragma warning disable SCME0001 // JsonPatch is how the SDK sends a member it has no property for yet.
        if (cacheKey is not null)
        {
            native.Patch.Set("$.prompt_cache_key"u8, cacheKey);
        }

        if (cacheOptions is not null)
        {
            native.Patch.Set("$.prompt_cache_options"u8, cacheOptions);
        }
#pragma warning restore SCME0001
        return native;
    }

    /// <summary>
    /// The Responses API: <c>text.format = {type: json_schema, name, schema, strict: true}</c> (or <c>json_object</c>),
    /// <c>prompt_cache_key</c> and, for explicit breakpoints, <c>prompt_cache_options</c>; <c>store: false</c>, since
    /// every request carries its whole conversation.
    /// </summary>
#pragma warning disable OPENAI001 // The SDK marks its Responses types experimental; the option is opt-in (OpenAiApi = responses).
    private static CreateResponseOptions ResponsesOptions(ProviderOutputSchema? schema, string? cacheKey, byte[]? cacheOptions)
    {
        var native = new CreateResponseOptions
        {
            TextOptions = new ResponseTextOptions
            {
                TextFormat = schema?.OpenAiStrict is { } strict
                    ? ResponseTextFormat.CreateJsonSchemaFormat(schema.Name, BinaryData.FromString(strict), jsonSchemaFormatDescription: null, jsonSchemaIsStrict: true)
                    : ResponseTextFormat.CreateJsonObjectFormat(),
            },
            PromptCacheKey = cacheKey,
            StoredOutputEnabled = false,
        };
#pragma warning disable SCME0001 // JsonPatch is how the SDK sends a member it has no property for yet.
        if (cacheOptions is not null)
        {
            native.Patch.Set("$.prompt_cache_options"u8, cacheOptions);
        }
#pragma warning restore SCME0001
        return native;
    }
#pragma warning restore OPENAI001

    /// <inheritdoc/>
    protected override ChatResponse MapReply(ChatResponse response, LoopRequest request)
    {
        if (response.Usage is { } usage)
        {
            OpenAiCacheBreakpoints.AddCacheWrites(usage, response.RawRepresentation);
        }

        if (request.OutputSchema is not { OpenAiStrict: not null, OpenAiReplyToContract: { } map })
        {
            return response;
        }

        string mapped;
        try
        {
            mapped = Encoding.UTF8.GetString(map(Encoding.UTF8.GetBytes(response.Text)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return response; // not the JSON strict mode promises: the validator reports it and the repair loop asks again
        }

        return new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, mapped))
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelId,
            CreatedAt = response.CreatedAt,
            FinishReason = response.FinishReason,
            Usage = response.Usage,
            RawRepresentation = response.RawRepresentation,
            AdditionalProperties = response.AdditionalProperties,
        };
    }
}
