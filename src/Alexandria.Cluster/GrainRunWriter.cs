using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using AppendEventsResult = Alexandria.Contracts.Server.AppendEventsResult;
using Alexandria.Server;
using Orleans;

namespace Alexandria.Cluster;

/// <summary>
/// The HTTP front's writer in a cluster: every run write goes to the run's grain, wherever it is active, so the
/// front is stateless and any silo can serve any request.
/// </summary>
internal sealed class GrainRunWriter(IGrainFactory grains) : IRunWriter
{
    /// <summary>A failover (membership declaring the dead silo, the grain activating elsewhere) takes about this long.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken)
        => RunWriteReplies.ToAppendResult(await WriteAsync(runId, RunWriteKind.AppendEvents, Json(body), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken)
        => RunWriteReplies.ToCompactResult(await WriteAsync(runId, RunWriteKind.Compact, Json(body), cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Calls the run's grain. A runtime failure on the way (the hosting silo died, the call timed out) is the
    /// cluster's, not the client's: it becomes <see cref="RunWriterUnavailableException"/>, which the API answers with
    /// 503 and Retry-After instead of a 500.
    /// </summary>
    private async Task<RunWriteReply> WriteAsync(string runId, RunWriteKind kind, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IRunGrain>(runId).WriteAsync(kind, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Orleans.Runtime.OrleansException or TimeoutException)
        {
            throw new RunWriterUnavailableException(runId, RetryAfter, e);
        }
    }

    private static byte[] Json<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, OutputSchemaJson.Options);
}
