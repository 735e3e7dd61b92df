using System.Collections.Generic;
using System.Threading.Tasks;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Alexandria.Agents.Providers;

#pragma warning disable OPENAI001 // The SDK marks its Responses types experimental; this path is opt-in (OpenAiApi = responses).

/// <summary>
/// Streams from the Responses API without <c>Microsoft.Extensions.AI.OpenAI</c> 11.0.0's own streaming path, which was
/// compiled against OpenAI 2.14.0: with OpenAI 2.15.0 (whose <c>CreateResponseStreamingAsync</c> returns a
/// <c>Task</c>) it fails with <c>MissingMethodException</c>. The request is built the way that client builds it (the
/// same input items, the shaper's native options) and the SSE updates are converted by its public extensions, so a
/// streamed request differs from a plain one only by <c>"stream": true</c>. Plain requests pass through.
/// </summary>
internal sealed class OpenAiResponsesStreaming : DelegatingChatClient
{
    private readonly ResponsesClient _responses;

    public OpenAiResponsesStreaming(IChatClient inner, ResponsesClient responses)
        : base(inner)
    {
        _responses = responses;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var native = options?.RawRepresentationFactory?.Invoke(this) as CreateResponseOptions ?? new CreateResponseOptions();
        native.Model ??= options?.ModelId;
        native.MaxOutputTokenCount ??= options?.MaxOutputTokens;
        foreach (var item in messages.AsOpenAIResponseItems(options))
        {
            native.InputItems.Add(item);
        }

        native.StreamingEnabled = true;
        var updates = await _responses.CreateResponseStreamingAsync(native, cancellationToken).ConfigureAwait(false);
        await foreach (var update in updates.AsChatResponseUpdatesAsync(native, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }
}
