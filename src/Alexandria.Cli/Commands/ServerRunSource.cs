using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Client;
using Alexandria.Contracts;

namespace Alexandria.Cli.Commands;

/// <summary>A run on a remote server (<c>alexandria serve</c>), read through the NSwag-generated client.</summary>
internal sealed class ServerRunSource : IRunSource
{
    private const int PageSize = 1000;

    // openapi.json declares from_seq as a plain integer, so NSwag types it int: a run past 2^31 events
    // cannot be paged through this client (checked below) until the contract says int64.

    private readonly AlexandriaClient _client;

    public ServerRunSource(Uri server)
    {
        _client = AlexandriaClient.Create(server);
        Description = $"server at {server}";
    }

    public string Description { get; }

    public async Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).LastSeq;
        }
        catch (AlexandriaApiException missing) when (missing.StatusCode == 404)
        {
            return 0;
        }
    }

    public async Task<IReadOnlyList<RunEvent>> ReadEventsAsync(string runId, long fromSeq, int limit, CancellationToken cancellationToken)
    {
        var events = new List<RunEvent>();
        long? next = fromSeq;
        while (next is { } from && events.Count < limit)
        {
            var page = await _client.ReadEventsAsync(runId, checked((int)from), Math.Min(PageSize, limit - events.Count), cancellationToken).ConfigureAwait(false);
            events.AddRange(page.Events);
            // A page that brings nothing cannot advance; asking again would loop forever.
            next = page.Events.Count == 0 ? null : page.NextSeq;
        }
        return events;
    }

    public async Task<IReadOnlyList<CompactionSnapshot>> GetSnapshotsAsync(string runId, CancellationToken cancellationToken)
    {
        var history = await _client.GetSnapshotHistoryAsync(runId, cancellationToken).ConfigureAwait(false);
        var snapshots = new List<CompactionSnapshot>(history.Snapshots.Count);
        foreach (var summary in history.Snapshots)
        {
            snapshots.Add(await _client.GetSnapshotAsync(runId, summary.SnapshotId, cancellationToken).ConfigureAwait(false));
        }
        return snapshots;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
