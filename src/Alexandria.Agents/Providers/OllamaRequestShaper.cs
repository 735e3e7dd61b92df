using System;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OllamaSharp.Models.Chat;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Ollama <c>/api/chat</c>: the schema goes out as <c>format</c> exactly as given (Ollama turns it into a grammar
/// and silently skips what its converter does not know, so the validator still judges), or <c>"json"</c> when the
/// schema has no Ollama form. Ollama keeps its own KV cache of the last prompt; the stable system text first is all
/// the layout it needs, and it reports no cached-token count.
/// </summary>
public sealed class OllamaRequestShaper : ProviderRequestShaper
{
    /// <summary>Wraps the OllamaSharp <see cref="IChatClient"/>.</summary>
    public OllamaRequestShaper(IChatClient inner, ProviderSettings settings, ModelTable models, Action<string>? warn)
        : base(inner, settings, models, warn)
    {
    }

    /// <inheritdoc/>
    protected override string ProviderName => "ollama";

    /// <inheritdoc/>
    protected override Func<IChatClient, object?> NativeOptions(ChatOptions options, LoopRequest request)
    {
        object format = request.OutputSchema?.Ollama is { } schema ? JsonDocument.Parse(schema).RootElement.Clone() : "json";
        var model = options.ModelId ?? "";
        return _ => new ChatRequest { Format = format, Model = model };
    }
}
