using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Models;

/// <summary>
/// A <see cref="DelegatingChatClient"/> layer that writes every turn of a live run into the
/// <see cref="ModelScript"/> format — prompt id, verbatim reply, usage, model, and the SHA-256 of the request
/// bytes — so a <see cref="ScriptedChatClient"/> replays the run offline and notices the first request that differs.
/// The file is rewritten after every turn, so a run that dies still leaves its recording.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly string? _path;
    private readonly string? _objective;
    private readonly List<ScriptedTurn> _turns = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Records what <paramref name="inner"/> answers; writes to <paramref name="path"/> when given.</summary>
    public RecordingChatClient(IChatClient inner, string? path = null, string? objective = null)
        : base(inner)
    {
        _path = path;
        _objective = objective;
    }

    /// <summary>The recording so far.</summary>
    public ModelScript Script
    {
        get
        {
            lock (_turns)
            {
                return new ModelScript(_objective, null, TimeSpan.FromSeconds(1), _turns.ToList());
            }
        }
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        var response = await base.GetResponseAsync(request, options, cancellationToken).ConfigureAwait(false);
        var usage = response.Usage is { } u
            ? new TurnUsage(u.InputTokenCount ?? 0, u.OutputTokenCount ?? 0, u.CachedInputTokenCount ?? 0)
            : null;
        var turn = new ScriptedTurn(
            ModelRequest.PromptIdOf(options) ?? "(untagged)",
            response.Text,
            new RequestExpectation(Array.Empty<string>(), Array.Empty<string>(), ModelRequest.Sha256(request)),
            usage,
            response.ModelId,
            TimeSpan.Zero,
            Note: null);
        lock (_turns)
        {
            _turns.Add(turn);
        }

        if (_path is not null)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ModelScriptFile.WriteAsync(_path, Script, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        return response;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
