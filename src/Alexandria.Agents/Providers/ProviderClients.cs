using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using Anthropic;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Builds the <see cref="IChatClient"/> of a configured provider: the provider's official client behind
/// <c>Microsoft.Extensions.AI</c>, inside its <see cref="ProviderRequestShaper"/> (schema sent unchanged, cache
/// layout), inside <c>UseOpenTelemetry</c> (GenAI semantic conventions, source <see cref="AgentTelemetry.SourceName"/>).
/// </summary>
public static class ProviderClients
{
    /// <summary>The Ollama endpoint when none is configured.</summary>
    public static readonly Uri DefaultOllama = new("http://localhost:11434");

    /// <summary>
    /// The client for <paramref name="settings"/> (not the scripted provider: the caller plays scripts itself).
    /// Throws <see cref="ProviderConfigurationException"/> naming what is missing (for a key, its variable).
    /// </summary>
    /// <param name="settings">Provider, model, endpoint, key.</param>
    /// <param name="warn">Receives configuration warnings (a breakpoint below the model's cacheable minimum).</param>
    /// <param name="http">The HTTP client to send with (tests, proxies); null for each SDK's own.</param>
    public static IChatClient Create(ProviderSettings settings, Action<string>? warn = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Model))
        {
            throw new ProviderConfigurationException($"The {settings.Provider.ToString().ToLowerInvariant()} provider needs a model: give --model or set {ProviderSettings.Section}:Model.");
        }

        var models = ModelTable.Load(settings.ModelTablePath);
        ProviderRequestShaper shaper = settings.Provider switch
        {
            ProviderKind.OpenAI => new OpenAiRequestShaper(OpenAi(settings, http), settings, models, warn),
            ProviderKind.Anthropic => new AnthropicRequestShaper(Anthropic(settings, http), settings, models, warn),
            ProviderKind.Ollama => new OllamaRequestShaper(Ollama(settings, http), settings, models, warn),
            _ => throw new ProviderConfigurationException("The scripted provider plays a model script: give --script."),
        };

        return AgentTelemetry.Instrument(shaper);
    }

    private static IChatClient OpenAi(ProviderSettings settings, HttpClient? http)
    {
        // An OpenAI-compatible server (vLLM, LM Studio, a gateway) may need no key; api.openai.com always does.
        var key = settings.ApiKey ?? (settings.BaseUrl is not null ? "no-key" : throw MissingKey(settings));
        var options = new OpenAIClientOptions();
        if (settings.BaseUrl is not null)
        {
            options.Endpoint = settings.BaseUrl;
        }

        if (http is not null)
        {
            options.Transport = new HttpClientPipelineTransport(http);
        }

        var client = new OpenAIClient(new ApiKeyCredential(key), options);
#pragma warning disable OPENAI001 // The SDK marks its Responses client experimental; it is opt-in here (OpenAiApi = responses).
        if (settings.UsesOpenAiResponses)
        {
            var responses = client.GetResponsesClient();
            return new OpenAiResponsesRequests(responses.AsIChatClient(settings.Model!), responses);
        }

        return client.GetChatClient(settings.Model!).AsIChatClient();
#pragma warning restore OPENAI001
    }

    private static IChatClient Anthropic(ProviderSettings settings, HttpClient? http)
    {
        var options = new global::Anthropic.Core.ClientOptions { ApiKey = settings.ApiKey ?? throw MissingKey(settings) };
        if (settings.BaseUrl is not null)
        {
            options.BaseUrl = settings.BaseUrl.ToString().TrimEnd('/');
        }

        if (http is not null)
        {
            options.HttpClient = http;
        }

        return new AnthropicClient(options).AsIChatClient(settings.Model, settings.MaxOutputTokens);
    }

    private static IChatClient Ollama(ProviderSettings settings, HttpClient? http)
    {
        var endpoint = settings.BaseUrl ?? DefaultOllama;
        if (http is null)
        {
            return new OllamaApiClient(endpoint, settings.Model!);
        }

        http.BaseAddress ??= endpoint;
        return new OllamaApiClient(http, settings.Model!);
    }

    private static ProviderConfigurationException MissingKey(ProviderSettings settings)
        => new($"The {settings.Provider.ToString().ToLowerInvariant()} provider needs an API key: set {settings.KeyVariable} (or {ProviderSettings.Section}:ApiKey in appsettings.json or user secrets).");
}
