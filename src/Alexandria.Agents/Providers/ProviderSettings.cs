using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Which model provider a run talks to and how. Read from configuration the .NET way (see
/// <see cref="FromConfiguration"/>): the <c>Alexandria:Provider</c> section of <c>appsettings.json</c>, environment
/// variables (<c>Alexandria__Provider__Model</c>, and the providers' own <c>OPENAI_API_KEY</c>,
/// <c>ANTHROPIC_API_KEY</c>, <c>OPENAI_BASE_URL</c>, <c>ANTHROPIC_BASE_URL</c>, <c>OLLAMA_HOST</c>), then CLI flags.
/// The API key is never printed: <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class ProviderSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Alexandria:Provider";

    /// <summary>The provider.</summary>
    public ProviderKind Provider { get; init; } = ProviderKind.Scripted;

    /// <summary>The model id (required for every provider but the scripted one).</summary>
    public string? Model { get; init; }

    /// <summary>The endpoint; null for the provider's default (OpenAI, Anthropic) or <c>http://localhost:11434</c> (Ollama).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The API key. Never logged, printed or stored in events.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Anthropic cache TTL of every breakpoint: <c>5m</c> (default) or <c>1h</c>.</summary>
    public string CacheTtl { get; init; } = "5m";

    /// <summary>
    /// Which OpenAI API to call: <c>chat</c> (chat completions, <c>/v1/chat/completions</c>, the default: every
    /// OpenAI-compatible server has it) or <c>responses</c> (the Responses API, <c>/v1/responses</c>).
    /// </summary>
    public string OpenAiApi { get; init; } = "chat";

    /// <summary>True when OpenAI requests go to the Responses API.</summary>
    public bool UsesOpenAiResponses => Provider == ProviderKind.OpenAI && OpenAiApi == "responses";

    /// <summary>OpenAI <c>prompt_cache_key</c> prefix (<c>&lt;prefix&gt;:&lt;prompt id&gt;</c> is sent); empty to send none.</summary>
    public string PromptCacheKey { get; init; } = "alexandria";

    /// <summary>Most output tokens per call.</summary>
    public int MaxOutputTokens { get; init; } = 4096;

    /// <summary>Stream replies (SSE / NDJSON) and assemble them, instead of one JSON response.</summary>
    public bool Stream { get; init; }

    /// <summary>A model table file merged over the shipped one (minimum cacheable prefixes, TTLs, prices), or null.</summary>
    public string? ModelTablePath { get; init; }

    /// <summary>The environment variable that holds the provider's key.</summary>
    public string? KeyVariable => Provider switch
    {
        ProviderKind.OpenAI => "OPENAI_API_KEY",
        ProviderKind.Anthropic => "ANTHROPIC_API_KEY",
        _ => null,
    };

    /// <summary>
    /// Reads the settings: <c>Alexandria:Provider</c> members (<c>Name</c>, <c>Model</c>, <c>BaseUrl</c>,
    /// <c>ApiKey</c>, <c>CacheTtl</c>, <c>OpenAiApi</c>, <c>PromptCacheKey</c>, <c>MaxOutputTokens</c>, <c>Stream</c>,
    /// <c>ModelTable</c>), then the provider's own variables for what the section leaves out, then
    /// <paramref name="overrides"/> (CLI flags; null members keep the configured value).
    /// </summary>
    public static ProviderSettings FromConfiguration(IConfiguration configuration, ProviderOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var providerName = overrides?.Provider ?? section["Name"] ?? "scripted";
        var provider = ParseProvider(providerName);
        var baseUrl = overrides?.BaseUrl ?? section["BaseUrl"] ?? provider switch
        {
            ProviderKind.OpenAI => configuration["OPENAI_BASE_URL"],
            ProviderKind.Anthropic => configuration["ANTHROPIC_BASE_URL"],
            ProviderKind.Ollama => configuration["OLLAMA_HOST"],
            _ => null,
        };
        var keyVariable = provider switch { ProviderKind.OpenAI => "OPENAI_API_KEY", ProviderKind.Anthropic => "ANTHROPIC_API_KEY", _ => null };
        var ttl = overrides?.CacheTtl ?? section["CacheTtl"] ?? "5m";
        if (ttl is not ("5m" or "1h"))
        {
            throw new ProviderConfigurationException($"{Section}:CacheTtl must be 5m or 1h, not '{ttl}'.");
        }

        var openAiApi = overrides?.OpenAiApi ?? section["OpenAiApi"] ?? "chat";
        if (openAiApi is not ("chat" or "responses"))
        {
            throw new ProviderConfigurationException($"{Section}:OpenAiApi (--openai-api) must be chat or responses, not '{openAiApi}'.");
        }

        return new ProviderSettings
        {
            Provider = provider,
            Model = overrides?.Model ?? section["Model"],
            BaseUrl = baseUrl is null ? null : ParseUrl(baseUrl, provider),
            ApiKey = NullIfEmpty(section["ApiKey"]) ?? (keyVariable is null ? null : NullIfEmpty(configuration[keyVariable])),
            CacheTtl = ttl,
            OpenAiApi = openAiApi,
            PromptCacheKey = section["PromptCacheKey"] ?? "alexandria",
            MaxOutputTokens = ParseInt(section["MaxOutputTokens"], "MaxOutputTokens") ?? 4096,
            Stream = overrides?.Stream ?? ParseBool(section["Stream"], "Stream"),
            ModelTablePath = overrides?.ModelTable ?? section["ModelTable"],
        };
    }

    /// <summary>The configuration a CLI run reads: <c>appsettings.json</c> in <paramref name="directory"/> (optional), then environment variables.</summary>
    public static IConfiguration LoadConfiguration(string directory)
        => new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>The provider, model and endpoint; never the key.</summary>
    public override string ToString()
        => $"{Provider.ToString().ToLowerInvariant()} {Model ?? "(no model)"}{(BaseUrl is null ? "" : " at " + BaseUrl)}{(ApiKey is null ? "" : " (API key set)")}";

    internal static ProviderKind ParseProvider(string name) => name.ToLowerInvariant() switch
    {
        "scripted" => ProviderKind.Scripted,
        "openai" => ProviderKind.OpenAI,
        "anthropic" => ProviderKind.Anthropic,
        "ollama" => ProviderKind.Ollama,
        _ => throw new ProviderConfigurationException($"Unknown provider '{name}': use openai, anthropic, ollama or scripted."),
    };

    private static Uri ParseUrl(string value, ProviderKind provider)
    {
        // OLLAMA_HOST is often host:port without a scheme.
        var text = provider == ProviderKind.Ollama && !value.Contains("://", StringComparison.Ordinal) ? "http://" + value : value;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ProviderConfigurationException($"The base URL '{value}' is not an absolute http(s) URL.");
    }

    private static int? ParseInt(string? value, string name)
        => value is null ? null
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw new ProviderConfigurationException($"{Section}:{name} must be a positive integer, not '{value}'.");

    private static bool ParseBool(string? value, string name)
        => value is null ? false
            : bool.TryParse(value, out var b) ? b
            : throw new ProviderConfigurationException($"{Section}:{name} must be true or false, not '{value}'.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>CLI flags that override configured provider settings; null keeps the configured value.</summary>
public sealed record ProviderOverrides(string? Provider = null, string? Model = null, string? BaseUrl = null, string? CacheTtl = null, bool? Stream = null, string? ModelTable = null, string? OpenAiApi = null);
