using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;

namespace Alexandria.Cli.Commands;

/// <summary>Where a read-only command reads a run from: a local store, or a server through the generated client.</summary>
internal interface IRunSource : IAsyncDisposable
{
    /// <summary>What the source is, for messages.</summary>
    string Description { get; }

    /// <summary>The run's last seq; 0 when it has no events or does not exist.</summary>
    Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> events from <paramref name="fromSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long fromSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Every snapshot of the run, oldest first.</summary>
    Task<IReadOnlyList<CompactionSnapshot>> GetSnapshotsAsync(string runId, CancellationToken cancellationToken);
}
