using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Models;

/// <summary>
/// A deterministic <see cref="IChatClient"/> that plays a <see cref="ModelScript"/>: each request gets the next
/// turn's reply, verbatim — malformed output included — after the request is checked against the turn's
/// prompt id and expectations. The loop cannot tell it from a live model, so offline runs, tests and the
/// main job exercise the real code path.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ModelScript _script;
    private readonly object _gate = new();
    private int _next;

    /// <summary>Creates a client that plays <paramref name="script"/> from its first turn.</summary>
    public ScriptedChatClient(ModelScript script)
    {
        _script = script ?? throw new ArgumentNullException(nameof(script));
    }

    /// <summary>Turns played so far.</summary>
    public int TurnsPlayed => Volatile.Read(ref _next);

    /// <summary>Turns not played yet.</summary>
    public int TurnsLeft => _script.Turns.Count - TurnsPlayed;

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = messages.ToList();
        var (index, turn) = Take();
        Verify(index, turn, request, options);
        if (turn.Delay > TimeSpan.Zero)
        {
            await Task.Delay(turn.Delay, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var usage = turn.Usage ?? Estimate(request, turn.Reply);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, turn.Reply))
        {
            ModelId = turn.Model ?? "scripted",
            ResponseId = "turn-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = usage.InputTokens,
                OutputTokenCount = usage.OutputTokens,
                TotalTokenCount = usage.InputTokens + usage.OutputTokens,
                CachedInputTokenCount = usage.CachedTokens,
            },
        };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private (int Index, ScriptedTurn Turn) Take()
    {
        lock (_gate)
        {
            if (_next >= _script.Turns.Count)
            {
                throw new ScriptMismatchException(_next, $"the script has {_script.Turns.Count} turns and the loop asked for another.");
            }

            var index = _next++;
            return (index, _script.Turns[index]);
        }
    }

    private static void Verify(int index, ScriptedTurn turn, IReadOnlyList<ChatMessage> request, ChatOptions? options)
    {
        var promptId = ModelRequest.PromptIdOf(options);
        if (!string.Equals(promptId, turn.Prompt, StringComparison.Ordinal))
        {
            throw new ScriptMismatchException(index, $"the script expects a '{turn.Prompt}' request, the loop sent '{promptId ?? "(untagged)"}'.");
        }

        if (turn.Expect is not { } expect)
        {
            return;
        }

        var text = ModelRequest.Text(request);
        foreach (var needle in expect.Contains)
        {
            if (!text.Contains(needle, StringComparison.Ordinal))
            {
                throw new ScriptMismatchException(index, $"the '{turn.Prompt}' request does not contain \"{needle}\".");
            }
        }

        foreach (var needle in expect.Excludes)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                throw new ScriptMismatchException(index, $"the '{turn.Prompt}' request contains \"{needle}\", which the script excludes.");
            }
        }

        if (expect.RequestSha256 is { } sha && !string.Equals(sha, ModelRequest.Sha256(request), StringComparison.Ordinal))
        {
            throw new ScriptMismatchException(index, $"the '{turn.Prompt}' request bytes differ from the recording (sha256 {ModelRequest.Sha256(request)}, recorded {sha}).");
        }
    }

    /// <summary>About four characters a token: enough for budgets to behave as they would with a real model.</summary>
    private static TurnUsage Estimate(IReadOnlyList<ChatMessage> request, string reply)
        => new((ModelRequest.Text(request).Length + 3) / 4, (reply.Length + 3) / 4, 0);
}
