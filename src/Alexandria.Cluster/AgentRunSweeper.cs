using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Alexandria.Cluster;

/// <summary>
/// Each silo, every <see cref="ClusterSettings.SweepInterval"/>: the queued agent runs no active silo drives (new,
/// released, or owned by a silo the membership declared dead) get a wake-up call to their grain, which Orleans
/// activates on one silo; the grain claims the order and resumes the loop from the log. Several silos may wake the
/// same run: single activation makes that harmless.
/// </summary>
internal sealed class AgentRunSweeper(
    AgentRunQueue queue,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ClusterSettings settings,
    ILogger<AgentRunSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var active = membership.CurrentSnapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Active)
                    .Select(m => m.SiloAddress.ToParsableString())
                    .ToArray();
                var orphans = await queue.OrphansAsync(active, BatchSize, stoppingToken).ConfigureAwait(false);
                // Not awaited one by one: a wake-up that lands on a silo about to be declared dead must not hold up the rest.
                await Task.WhenAll(orphans.Select(run => WakeAsync(run, stoppingToken))).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The agent-run sweep failed; retrying at the next tick");
            }
        }
    }

    private async Task WakeAsync(string runId, CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<IRunGrain>(runId).EnsureRunningAsync().WaitAsync(settings.ResponseTimeout, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Waking run {RunId} failed; the next sweep tries again", runId);
        }
    }
}
