using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Shapes each loop request for one provider's native API before the provider's own <see cref="IChatClient"/>
/// serializes it: the output schema goes in unchanged through <see cref="ChatOptions.RawRepresentationFactory"/>
/// (never through <c>ChatResponseFormat.ForJsonSchema</c>, which rewrites it), the system message is laid out for
/// the provider's prompt cache, and the loop's own bookkeeping is removed from the options. Requests that do not
/// come from the loop pass through untouched. With <see cref="ProviderSettings.Stream"/> the reply is streamed
/// (SSE / NDJSON) and assembled, so the loop sees the same <see cref="ChatResponse"/> either way.
/// </summary>
public abstract class ProviderRequestShaper : DelegatingChatClient
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    protected ProviderRequestShaper(IChatClient inner, ProviderSettings settings, ModelTable models, Action<string>? warn)
        : base(inner)
    {
        Settings = settings;
        Models = models;
        Warn = warn;
    }

    /// <summary>The provider settings.</summary>
    protected ProviderSettings Settings { get; }

    /// <summary>The per-model cache and price table.</summary>
    protected ModelTable Models { get; }

    /// <summary>Where warnings go (a breakpoint below the model's cacheable minimum).</summary>
    protected Action<string>? Warn { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = LoopRequest.Of(options);
        if (request is null)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var (shapedMessages, shapedOptions) = Prepare(messages, options!, request);
        var response = Settings.Stream
            ? await StreamAsync(shapedMessages, shapedOptions, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false)
            : await base.GetResponseAsync(shapedMessages, shapedOptions, cancellationToken).ConfigureAwait(false);
        return MapReply(response, request);
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = LoopRequest.Of(options);
        if (request is null)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var (shapedMessages, shapedOptions) = Prepare(messages, options!, request);
        await foreach (var update in StreamAsync(shapedMessages, shapedOptions, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> messages, ChatOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return MapUpdate(update);
        }
    }

    /// <summary>The model a request goes to: the options', else the configured one.</summary>
    protected string ModelOf(ChatOptions options) => options.ModelId ?? Settings.Model ?? "";

    /// <summary>Lays the messages out for this provider's cache (default: unchanged) for <paramref name="model"/>.</summary>
    protected virtual List<ChatMessage> ShapeMessages(List<ChatMessage> messages, LoopRequest request, string model) => messages;

    /// <summary>The provider's native request options carrying the output schema (and cache settings).</summary>
    protected abstract Func<IChatClient, object?> NativeOptions(ChatOptions options, LoopRequest request);

    /// <summary>Maps the reply back to the contract where the provider's schema form differs from it (default: unchanged).</summary>
    protected virtual ChatResponse MapReply(ChatResponse response, LoopRequest request) => response;

    /// <summary>Completes a streamed update where the SDK left something out (default: unchanged).</summary>
    protected virtual ChatResponseUpdate MapUpdate(ChatResponseUpdate update) => update;

    /// <summary>
    /// The system text cut at the request's breakpoints (at most <paramref name="max"/>, the last ones: they cover the
    /// longest prefixes), in order; <c>EndsAtBreakpoint</c> marks each piece a cache breakpoint closes. The volatile
    /// rest after the last breakpoint, if any, is the last piece.
    /// </summary>
    protected static List<(string Text, bool EndsAtBreakpoint)> CutAtBreakpoints(string text, LoopRequest request, int max)
    {
        var pieces = new List<(string, bool)>();
        var start = 0;
        foreach (var cut in request.Breakpoints.Select(b => b.Offset).Where(o => o > 0 && o <= text.Length).Distinct().Order().TakeLast(max))
        {
            pieces.Add((text[start..cut], true));
            start = cut;
        }

        if (start < text.Length)
        {
            pieces.Add((text[start..], false));
        }

        return pieces;
    }

    private (List<ChatMessage>, ChatOptions) Prepare(IEnumerable<ChatMessage> messages, ChatOptions options, LoopRequest request)
    {
        var shaped = options.Clone();
        shaped.ModelId ??= Settings.Model;
        shaped.MaxOutputTokens ??= Settings.MaxOutputTokens;
        if (shaped.AdditionalProperties is { } properties)
        {
            var kept = new AdditionalPropertiesDictionary();
            foreach (var (key, value) in properties.Where(p => !p.Key.StartsWith("alexandria.", StringComparison.Ordinal)))
            {
                kept[key] = value;
            }

            shaped.AdditionalProperties = kept.Count == 0 ? null : kept;
        }

        // Native tool definitions (the loop describes its tools in the prompt, but a caller may add some) go first on
        // the wire and are part of every cached prefix: send them in one order whatever order they were given in.
        if (shaped.Tools is { Count: > 1 } tools)
        {
            shaped.Tools = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }

        shaped.RawRepresentationFactory = NativeOptions(shaped, request);
        var list = messages.ToList();
        WarnOnShortPrefixes(list, request, shaped.ModelId ?? "");
        return (ShapeMessages(list, request, shaped.ModelId ?? ""), shaped);
    }

    /// <summary>
    /// A breakpoint whose prefix is shorter than the model's minimum cacheable size is never cached: warn once per
    /// prompt, breakpoint and model (tokens estimated at 4 UTF-8 bytes each; the table is data, see <see cref="ModelTable"/>).
    /// </summary>
    private void WarnOnShortPrefixes(List<ChatMessage> messages, LoopRequest request, string model)
    {
        if (Warn is null || request.Breakpoints.Count == 0 || messages.Count == 0 || Models.Find(ProviderName, model)?.MinCacheableTokens is not { } minimum)
        {
            return;
        }

        var text = messages[0].Text;
        foreach (var breakpoint in WarnsAtEveryBreakpoint(model) ? request.Breakpoints : request.Breakpoints.TakeLast(1))
        {
            if (breakpoint.Offset > text.Length)
            {
                continue;
            }

            var tokens = Encoding.UTF8.GetByteCount(text.AsSpan(0, breakpoint.Offset)) / 4;
            if (tokens < minimum && _warned.Add(request.PromptId + "/" + breakpoint.Name + "/" + model))
            {
                Warn($"cache breakpoint '{breakpoint.Name}' of the {request.PromptId} prompt sits at about {tokens} tokens, below the {minimum}-token minimum {ProviderName} caches for {model}: that prefix will not be cached.");
            }
        }
    }

    /// <summary>
    /// True where <paramref name="model"/>'s breakpoints are explicit (Anthropic, OpenAI GPT-5.6+: a short one is never
    /// written); false where the provider caches the longest prefix it has seen (older OpenAI models), so only the last
    /// breakpoint's length matters.
    /// </summary>
    protected virtual bool WarnsAtEveryBreakpoint(string model) => false;

    /// <summary>The provider's name in the model table (<c>openai</c>, <c>anthropic</c>, <c>ollama</c>).</summary>
    protected abstract string ProviderName { get; }
}
