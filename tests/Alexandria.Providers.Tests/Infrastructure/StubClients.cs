using System;
using System.Collections.Generic;
using Alexandria.Agents.Providers;
using Alexandria.Providers.Tests.Stub;
using Microsoft.Extensions.AI;

namespace Alexandria.Providers.Tests.Infrastructure;

/// <summary>The real provider adapters, pointed at the loopback stub.</summary>
internal static class StubClients
{
    /// <summary>A key that must reach the provider's auth header and nothing else.</summary>
    public const string SentinelKey = "sk-SENTINEL-7c1e5a09-do-not-log";

    public static ProviderSettings Settings(ProviderStub stub, ProviderKind kind, string model, bool stream = false, string ttl = "5m", string? modelTable = null, string openAiApi = "chat") => new()
    {
        OpenAiApi = openAiApi,
        Provider = kind,
        Model = model,
        BaseUrl = kind switch
        {
            ProviderKind.OpenAI => new Uri(stub.BaseUrl, "v1"),
            _ => stub.BaseUrl,
        },
        ApiKey = kind == ProviderKind.Ollama ? null : SentinelKey,
        Stream = stream,
        CacheTtl = ttl,
        ModelTablePath = modelTable,
    };

    public static IChatClient Create(ProviderStub stub, ProviderKind kind, string model, bool stream = false, string ttl = "5m", List<string>? warnings = null, string openAiApi = "chat")
        => ProviderClients.Create(Settings(stub, kind, model, stream, ttl, openAiApi: openAiApi), warnings is null ? null : warnings.Add);

    public static string ModelFor(ProviderKind kind) => kind switch
    {
        ProviderKind.OpenAI => "gpt-5.6",
        ProviderKind.Anthropic => "claude-opus-5",
        _ => "llama3.2",
    };

    public static readonly ProviderKind[] Real = { ProviderKind.OpenAI, ProviderKind.Anthropic, ProviderKind.Ollama };
}
