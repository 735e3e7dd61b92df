using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Cluster;

/// <summary>An agent run the queue holds: what to pursue and which <see cref="IAgentRunFactory"/> profile drives it.</summary>
public sealed record AgentRunOrder(string RunId, string Objective, string Profile);

/// <summary>
/// The durable work queue of agent runs (<c>cluster_agent_runs</c>, migration 0022): an order stays until its loop
/// ends, with the silo that drives it. Orders outlive grains and silos, so a loop whose silo died is found (its owner is
/// no longer an active silo) and resumed elsewhere.
/// </summary>
public sealed class AgentRunQueue(NpgsqlDataSource dataSource)
{
    /// <summary>Adds an order; false when the run already has one (an order is never replaced).</summary>
    public async Task<bool> EnqueueAsync(AgentRunOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO cluster_agent_runs (run_id, objective, profile) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO NOTHING");
        command.Parameters.AddWithValue(order.RunId);
        command.Parameters.AddWithValue(order.Objective);
        command.Parameters.AddWithValue(order.Profile);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Takes the unfinished order of <paramref name="runId"/> for <paramref name="silo"/>; null when there is none.</summary>
    public async Task<AgentRunOrder?> ClaimAsync(string runId, string silo, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE cluster_agent_runs SET owner_silo = $2, status = 'running', attempts = attempts + 1, updated_at = now()
            WHERE run_id = $1 AND status <> 'finished' RETURNING objective, profile
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(silo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AgentRunOrder(runId, reader.GetString(0), reader.GetString(1))
            : null;
    }

    /// <summary>Records that the loop ended with <paramref name="outcome"/> (while <paramref name="silo"/> still owns it).</summary>
    public Task FinishAsync(string runId, string silo, string outcome, CancellationToken cancellationToken = default)
        => UpdateOwnedAsync("status = 'finished', outcome = $3", runId, silo, outcome, cancellationToken);

    /// <summary>Gives the order back (the loop stopped without ending): the next sweep starts it again.</summary>
    public Task ReleaseAsync(string runId, string silo, CancellationToken cancellationToken = default)
        => UpdateOwnedAsync("owner_silo = NULL, status = 'pending'", runId, silo, null, cancellationToken);

    /// <summary>Unfinished orders no active silo drives: never claimed, released, or owned by a silo that left or died.</summary>
    public async Task<IReadOnlyList<string>> OrphansAsync(IReadOnlyCollection<string> activeSilos, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT run_id FROM cluster_agent_runs
            WHERE status <> 'finished' AND (owner_silo IS NULL OR NOT (owner_silo = ANY($1)))
            ORDER BY updated_at LIMIT $2
            """);
        command.Parameters.AddWithValue(new List<string>(activeSilos).ToArray());
        command.Parameters.AddWithValue(limit);
        var runs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(reader.GetString(0));
        }
        return runs;
    }

    private async Task UpdateOwnedAsync(string set, string runId, string silo, string? outcome, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE cluster_agent_runs SET {set}, updated_at = now() WHERE run_id = $1 AND owner_silo = $2");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(silo);
        if (outcome is not null)
        {
            command.Parameters.AddWithValue(outcome);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
