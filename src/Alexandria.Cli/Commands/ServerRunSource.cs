using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Client;
using Alexandria.Contracts;

namespace Alexandria.Cli.Commands;

/// <summary>A run on a remote server (<c>alexandria serve</c>), read through the NSwag-generated client.</summary>
internal sealed class ServerRunSource : IRunSource
{
    private readonly AlexandriaClient _client;

    public ServerRunSource(Uri server)
    {
        // The key `alexandria serve` was given (--api-key or ALEXANDRIA_API_KEY); none for an --insecure-no-auth server.
        _client = AlexandriaClient.Create(server, Environment.GetEnvironmentVariable("ALEXANDRIA_API_KEY"));
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
        await foreach (var evt in _client.ReadAllEventsAsync(runId, fromSeq, limit, cancellationToken).ConfigureAwait(false))
        {
            events.Add(evt);
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
