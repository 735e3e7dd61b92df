using System;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Alexandria.Cluster;

/// <summary>
/// An agent loop as the run grain drives it, off the grain's scheduler: start or resume from the log, then record
/// the end in the queue — or give the order back when the loop stopped without ending.
/// </summary>
internal static class AgentLoopDriver
{
    public static async Task DriveAsync(AgentRunner runner, IRuntimeStore store, AgentRunQueue queue, ResumeGate gate, AgentRunOrder order, string owner, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var lastSeq = await store.Events.GetLastSeqAsync(order.RunId, cancellationToken).ConfigureAwait(false);
            AgentRunResult result;
            if (lastSeq == 0)
            {
                result = await runner.RunAsync(order.RunId, order.Objective, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A resume holds a place in the gate until its first progress report (it has caught up and written again).
                using var place = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
                logger.LogDebug("Resuming run {RunId} after event {Seq}", order.RunId, lastSeq);
                result = await runner.ResumeAsync(order.RunId, order.Objective, _ =>
                {
                    if (place.Leave())
                    {
                        logger.LogDebug("Run {RunId} caught up", order.RunId);
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            if (result.Status == AgentRunStatus.Cancelled)
            {
                await queue.ReleaseAsync(order.RunId, owner, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            await queue.FinishAsync(order.RunId, owner, result.Status.ToString(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The activation is going away (shutdown, rebalancing, or Orleans deactivating every activation whose
            // directory entry lived on a silo that just died): give the order back at once, so the next sweep resumes the
            // run on its next activation; the pause below is for failures, and here it only delayed the failover.
            await queue.ReleaseAsync(order.RunId, owner, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A store conflict (another writer after a split brain), a lost database connection, a failing tool host:
            // the order goes back to the queue after a pause, and the next sweep resumes the run from its log.
            logger.LogWarning(ex, "The agent loop of run {RunId} stopped on silo {Silo}; its order goes back to the queue", order.RunId, owner);
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            await queue.ReleaseAsync(order.RunId, owner, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
