using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Alexandria.Agents.Providers;

#pragma warning disable OPENAI001 // The SDK marks its Responses types experimental; this path is opt-in (OpenAiApi = responses).

/// <summary>
/// Builds Responses API requests itself where <c>Microsoft.Extensions.AI.OpenAI</c> 11.0.0 cannot:
/// <list type="bullet">
/// <item>Streaming: that package's own path was compiled against OpenAI 2.14.0 and fails with
/// <c>MissingMethodException</c> on OpenAI 2.15.0 (whose <c>CreateResponseStreamingAsync</c> returns a <c>Task</c>).</item>
/// <item>A system message cut into text parts for explicit cache breakpoints: that package sends a system message as
/// its joined text, dropping the parts (and their <c>prompt_cache_breakpoint</c>); here such a message becomes a system
/// item made of exactly those parts.</item>
/// </list>
/// Everything else is converted by that package's public extensions (input items, SSE updates, the result) and the
/// shaper's native options, so a streamed request differs from a plain one only by <c>"stream": true</c>. Other plain
/// requests pass through.
/// </summary>
internal sealed class OpenAiResponsesRequests : DelegatingChatClient
{
    private readonly ResponsesClient _responses;

    public OpenAiResponsesRequests(IChatClient inner, ResponsesClient responses)
        : base(inner)
    {
        _responses = responses;
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        if (!list.Any(IsSystemOfParts))
        {
            return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }

        var native = Request(list, options);
        var result = await _responses.CreateResponseAsync(native, cancellationToken).ConfigureAwait(false);
        return result.Value.AsChatResponse(native);
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var native = Request(messages, options);
        native.StreamingEnabled = true;
        var updates = await _responses.CreateResponseStreamingAsync(native, cancellationToken).ConfigureAwait(false);
        await foreach (var update in updates.AsChatResponseUpdatesAsync(native, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private CreateResponseOptions Request(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var native = options?.RawRepresentationFactory?.Invoke(this) as CreateResponseOptions ?? new CreateResponseOptions();
        native.Model ??= options?.ModelId;
        native.MaxOutputTokenCount ??= options?.MaxOutputTokens;
        var pending = new List<ChatMessage>();
        foreach (var message in messages)
        {
            if (!IsSystemOfParts(message))
            {
                pending.Add(message);
                continue;
            }

            AddItems(native, pending, options);
            native.InputItems.Add(ResponseItem.CreateSystemMessageItem(message.Contents.Select(c => (ResponseContentPart)c.RawRepresentation!)));
        }

        AddItems(native, pending, options);
        return native;
    }

    private static void AddItems(CreateResponseOptions native, List<ChatMessage> messages, ChatOptions? options)
    {
        foreach (var item in messages.AsOpenAIResponseItems(options))
        {
            native.InputItems.Add(item);
        }

        messages.Clear();
    }

    /// <summary>A system message whose every content carries its SDK part (the shaper's explicit-breakpoint layout).</summary>
    private static bool IsSystemOfParts(ChatMessage message)
        => message.Role == ChatRole.System && message.Contents.Count > 0 && message.Contents.All(c => c.RawRepresentation is ResponseContentPart);
}
