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
    /// <inheritdoc/>
    public async Task<AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken)
        => RunWriteReplies.ToAppendResult(await Grain(runId).WriteAsync(RunWriteKind.AppendEvents, Json(body)).WaitAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken)
        => RunWriteReplies.ToCompactResult(await Grain(runId).WriteAsync(RunWriteKind.Compact, Json(body)).WaitAsync(cancellationToken).ConfigureAwait(false));

    private IRunGrain Grain(string runId) => grains.GetGrain<IRunGrain>(runId);

    private static byte[] Json<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, OutputSchemaJson.Options);
}
