using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Alexandria.Cluster;

/// <summary>
/// Each silo, every <see cref="ClusterSettings.SweepInterval"/> and at once whenever the membership declares a silo dead:
/// the queued agent runs no active silo drives (new, released, or owned by a silo that died) get a wake-up call to their
/// grain, oldest order first, which Orleans activates on one silo; the grain claims the order and resumes the loop from
/// the log (<see cref="ResumeGate"/> paces the resumes). Several silos may wake the same run: single activation makes
/// that harmless.
/// </summary>
internal sealed class AgentRunSweeper(
    AgentRunQueue queue,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ClusterSettings settings,
    ILogger<AgentRunSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>Wake-up calls in flight at once: each is a claim and a loop start, so this only keeps 500 orphans from being one burst.</summary>
    private const int WakeConcurrency = 32;

    /// <summary>
    /// How long a wake-up is waited for (at most <see cref="ClusterSettings.ResponseTimeout"/>). A wake-up is idempotent,
    /// and one that a silo with a stale directory forwarded to the dead silo is answered by nothing but the response
    /// timeout (Orleans fails pending calls on a death only when they were addressed to the dead silo itself); the next
    /// sweep sends a fresh one instead of waiting it out.
    /// </summary>
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A wake-up refused on the way is sent again after this, up to <see cref="WakeAttempts"/> times.</summary>
    private static readonly TimeSpan WakeRetry = TimeSpan.FromMilliseconds(100);

    private const int WakeAttempts = 5;

    private readonly SemaphoreSlim _deathSeen = new(0, 1);
    private readonly SemaphoreSlim _wakeSlots = new(WakeConcurrency, WakeConcurrency);
    private readonly ConcurrentDictionary<string, byte> _waking = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = WatchForDeathsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The tick, or a death: whichever comes first.
                var onDeath = await _deathSeen.WaitAsync(settings.SweepInterval, stoppingToken).ConfigureAwait(false);
                var active = membership.CurrentSnapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Active)
                    .Select(m => m.SiloAddress.ToParsableString())
                    .ToArray();
                var orphans = await queue.OrphansAsync(active, BatchSize, stoppingToken).ConfigureAwait(false);
                if (onDeath)
                {
                    logger.LogInformation("A silo died: sweeping at once ({Orphans} orphaned agent runs)", orphans.Count);
                }
                // Started in the queue's order, so the runs that have waited longest are resumed first, and not awaited:
                // a wake-up stuck on a silo about to be declared dead must hold up neither the rest nor the next sweep,
                // which skips the runs still being woken.
                foreach (var run in orphans)
                {
                    if (_waking.TryAdd(run, 0))
                    {
                        await _wakeSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        _ = WakeAsync(run, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The agent-run sweep failed; retrying at the next tick");
            }
        }
        await watching.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _deathSeen.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Ends the sweep's wait as soon as a silo turns dead in the membership (this silo's own view: its detector or vote,
    /// or gossip from another), so the dead silo's runs are woken without waiting for the tick.
    /// </summary>
    private async Task WatchForDeathsAsync(CancellationToken stoppingToken)
    {
        var dead = DeadSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var nowDead = DeadSilos(snapshot);
                if (!nowDead.IsSubsetOf(dead) && _deathSeen.CurrentCount == 0)
                {
                    try
                    {
                        _deathSeen.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // Already signalled: one sweep covers both deaths.
                    }
                }
                dead = nowDead;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot)
        => snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    private async Task WakeAsync(string runId, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var timeout = settings.ResponseTimeout < WakeTimeout ? settings.ResponseTimeout : WakeTimeout;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<IRunGrain>(runId).EnsureRunningAsync().WaitAsync(timeout, stoppingToken).ConfigureAwait(false);
                    return;
                }
                catch (OrleansException) when (attempt < WakeAttempts)
                {
                    // Refused on the way (SiloUnavailableException, a rejection): some silo's directory or cache still
                    // pointed at the dead silo. Its view catches up within moments; try again sooner than the next sweep.
                    await Task.Delay(WakeRetry, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Waking run {RunId} failed after {Elapsed} ms; the next sweep tries again", runId, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            _waking.TryRemove(runId, out _);
            _wakeSlots.Release();
        }
    }
}
