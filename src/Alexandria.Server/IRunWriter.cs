using System;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;

namespace Alexandria.Server;

/// <summary>
/// Where the API's run writes are made: one writer per run. <see cref="LocalRunWriter"/> in a single process; the
/// cluster (src/Alexandria.Cluster) routes each write to the run's grain.
/// </summary>
public interface IRunWriter
{
    /// <summary>Appends a checked batch to <paramref name="runId"/> (see <see cref="RunWrites.AppendEventsAsync"/>).</summary>
    Task<Alexandria.Contracts.Server.AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken);

    /// <summary>Compacts <paramref name="runId"/> on request (see <see cref="RunWrites.CompactAsync"/>).</summary>
    Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken);
}

/// <summary>The single-process writer: writes to one run wait for each other (<see cref="RunWriteLocks"/>).</summary>
public sealed class LocalRunWriter(RunWrites writes) : IRunWriter
{
    private readonly RunWrites _writes = writes ?? throw new ArgumentNullException(nameof(writes));
    private readonly RunWriteLocks _locks = new();

    /// <inheritdoc/>
    public async Task<Alexandria.Contracts.Server.AppendEventsResult> AppendEventsAsync(string runId, AppendEventsRequest body, CancellationToken cancellationToken)
    {
        using var writing = await _locks.EnterAsync(runId, cancellationToken).ConfigureAwait(false);
        return await _writes.AppendEventsAsync(runId, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<CompactRunResult> CompactAsync(string runId, CompactRunRequest body, CancellationToken cancellationToken)
    {
        using var writing = await _locks.EnterAsync(runId, cancellationToken).ConfigureAwait(false);
        return await _writes.CompactAsync(runId, body, cancellationToken).ConfigureAwait(false);
    }
}
