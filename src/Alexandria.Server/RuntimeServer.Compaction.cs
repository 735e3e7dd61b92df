using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Server;

/// <summary>
/// <c>POST /runs/{runId}/compactions</c>: the same compaction a <see cref="RunSession"/> runs at a step's
/// end, on request. The session refolds the run's log, so the window, the loop state and the parent are
/// the store's, not the caller's.
/// </summary>
public sealed partial class RuntimeServer
{
    /// <inheritdoc/>
    public async Task<CompactRunResult> CompactRunAsync(CompactRunOperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new CompactRunResult.BadRequest(bad);
        }
        if (!await RunExistsAsync(request.RunId, cancellationToken).ConfigureAwait(false))
        {
            return new CompactRunResult.NotFound(RunNotFound(request.RunId));
        }

        return await _writer.CompactAsync(request.RunId, request.Body, cancellationToken).ConfigureAwait(false);
    }
}
