using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;
using Alexandria.Server;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Alexandria.Cluster;

/// <summary>
/// The activation that owns one run (see <see cref="IRunGrain"/>). Orleans runs at most one activation per run id
/// in the cluster and one request at a time in it, so writes never race here; the agent loop runs beside the
/// requests on the thread pool and writes through its own <c>RunSession</c>, so a client append during a loop
/// meets the store's sequence check (409) rather than a fork. Random placement spreads runs over the silos.
/// </summary>
[RandomPlacement]
internal sealed class RunGrain(
    IRuntimeStore store,
    RunWrites writes,
    AgentRunQueue queue,
    IAgentRunFactory agents,
    ResumeGate resumes,
    ILocalSiloDetails silo,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    private string RunId => this.GetPrimaryKeyString();

    private string Silo => silo.SiloAddress.ToParsableString();

    /// <inheritdoc/>
    public async Task<RunWriteReply> WriteAsync(RunWriteKind kind, byte[] requestJson)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        var token = _stopping.Token;
        return kind switch
        {
            RunWriteKind.AppendEvents => RunWriteReplies.From(await writes.AppendEventsAsync(
                RunId, JsonSerializer.Deserialize<AppendEventsRequest>(requestJson, OutputSchemaJson.Options)!, token).ConfigureAwait(true)),
            RunWriteKind.Compact => RunWriteReplies.From(await writes.CompactAsync(
                RunId, JsonSerializer.Deserialize<CompactRunRequest>(requestJson, OutputSchemaJson.Options)!, token).ConfigureAwait(true)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown run write."),
        };
    }

    /// <inheritdoc/>
    public async Task EnsureRunningAsync()
    {
        if (_loop is { IsCompleted: false })
        {
            return;
        }

        var order = await queue.ClaimAsync(RunId, Silo, _stopping.Token).ConfigureAwait(true);
        if (order is null)
        {
            return;
        }

        var owner = Silo;
        Agents.Loop.AgentRunner runner;
        try
        {
            runner = agents.Create(store, order);
        }
        catch (ArgumentException refused)
        {
            // A profile this silo cannot build will not become buildable by retrying: the order ends, saying why.
            logger.LogError(refused, "Agent run {RunId} refused", RunId);
            await queue.FinishAsync(RunId, owner, "Refused: " + refused.Message, _stopping.Token).ConfigureAwait(true);
            return;
        }

        // Idle collection must not take the activation while its loop runs (the loop is work, not a request); once the
        // loop is over the activation may go (a later write activates the run again).
        DelayDeactivation(TimeSpan.FromDays(1));
        _loop = Task.Run(() => AgentLoopDriver.DriveAsync(runner, store, queue, resumes, order, owner, logger, _stopping.Token));
        _ = _loop.ContinueWith(_ => DeactivateOnIdle(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful deactivation (shutdown, rebalancing) stops the loop at its next await and gives the order back, so
        // the next sweep resumes it on a silo that stays. A killed silo never gets here: the sweep finds its orders anyway.
        await _stopping.CancelAsync().ConfigureAwait(true);
        if (_loop is { } loop)
        {
            await Task.WhenAny(loop, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(true);
        }
    }
}
