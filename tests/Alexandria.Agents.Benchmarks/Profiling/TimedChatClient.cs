using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Benchmarks.Profiling;

/// <summary>The scripted model, timed into the ledger as "model (scripted client)": its cost is not the runtime's.</summary>
internal sealed class TimedChatClient(IChatClient inner, CostLedger ledger) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => ledger.Measure("model (scripted client)", () => inner.GetResponseAsync(messages, options, cancellationToken));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => inner.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose() => inner.Dispose();
}
