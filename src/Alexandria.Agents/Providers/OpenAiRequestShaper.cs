using System;
using System.Linq;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace Alexandria.Agents.Providers;

/// <summary>
/// OpenAI chat completions (and OpenAI-compatible endpoints): the strict schema goes out as
/// <c>response_format: {type: json_schema, json_schema: {name, schema, strict: true}}</c> exactly as given, or
/// <c>{type: json_object}</c> when the schema has no strict form; with <see cref="ProviderSettings.OpenAiApi"/>
/// <c>responses</c>, the Responses API's <c>text.format</c> carries the same bytes. OpenAI caches prefixes implicitly, so the layout is
/// the stable system text first (it is one message, rendered from the manifest) and <c>prompt_cache_key</c> routes
/// every request of a prompt to the same cache. A strict reply's nulls for optional members are mapped back to
/// absent members before the validator sees it.
/// </summary>
public sealed class OpenAiRequestShaper : ProviderRequestShaper
{
    /// <summary>Wraps the OpenAI <see cref="IChatClient"/>.</summary>
    public OpenAiRequestShaper(IChatClient inner, ProviderSettings settings, ModelTable models, Action<string>? warn)
        : base(inner, settings, models, warn)
    {
    }

    /// <inheritdoc/>
    protected override string ProviderName => "openai";

    /// <inheritdoc/>
    protected override Func<IChatClient, object?> NativeOptions(ChatOptions options, LoopRequest request)
    {
        var schema = request.OutputSchema;
        var cacheKey = string.IsNullOrEmpty(Settings.PromptCacheKey) ? null : Settings.PromptCacheKey + ":" + request.SchemaPromptId;
        return Settings.UsesOpenAiResponses ? _ => ResponsesOptions(schema, cacheKey) : _ => ChatOptions(schema, cacheKey);
    }

    /// <summary>Chat completions: <c>response_format</c> and <c>prompt_cache_key</c>.</summary>
    private static ChatCompletionOptions ChatOptions(ProviderOutputSchema? schema, string? cacheKey)
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
#pragma warning restore SCME0001
        return native;
    }

    /// <summary>
    /// The Responses API: <c>text.format = {type: json_schema, name, schema, strict: true}</c> (or <c>json_object</c>)
    /// and <c>prompt_cache_key</c>; <c>store: false</c>, since every request carries its whole conversation.
    /// </summary>
#pragma warning disable OPENAI001 // The SDK marks its Responses types experimental; the option is opt-in (OpenAiApi = responses).
    private static CreateResponseOptions ResponsesOptions(ProviderOutputSchema? schema, string? cacheKey) => new()
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
#pragma warning restore OPENAI001

    /// <inheritdoc/>
    protected override ChatResponse MapReply(ChatResponse response, LoopRequest request)
    {
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
