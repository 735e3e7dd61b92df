using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Cluster.Tests;

/// <summary>What the tests read back from the database while the silos work: the queue, the log's timing, the membership.</summary>
internal sealed class ClusterProbe(NpgsqlDataSource db)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task WaitFinishedAsync(string[] runs, TimeSpan timeout, Func<string> describe)
    {
        await WaitAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM cluster_agent_runs WHERE run_id = ANY($1) AND status = 'finished'", runs) == runs.Length,
            timeout, () => $"runs did not finish within {timeout.TotalSeconds} s: {Queue(runs).Result}\n{describe()}");
    }

    /// <summary>Until every run has at least <paramref name="minEvents"/> events (and so is being driven by a silo).</summary>
    public async Task WaitMidRunAsync(string[] runs, long minEvents, TimeSpan timeout, Func<string> describe)
    {
        await WaitAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM event_heads WHERE run_id = ANY($1) AND last_seq >= $2", runs, minEvents) == runs.Length,
            timeout, () => $"runs did not get going within {timeout.TotalSeconds} s: {Queue(runs).Result}\n{describe()}");
    }

    /// <summary>Unfinished runs of <paramref name="runs"/> by the silo driving them.</summary>
    public async Task<Dictionary<string, List<string>>> UnfinishedByOwnerAsync(string[] runs)
    {
        var owned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var command = db.CreateCommand("SELECT owner_silo, run_id FROM cluster_agent_runs WHERE run_id = ANY($1) AND status = 'running' AND owner_silo IS NOT NULL");
        command.Parameters.AddWithValue(runs);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var silo = reader.GetString(0);
            if (!owned.TryGetValue(silo, out var list))
            {
                owned[silo] = list = [];
            }
            list.Add(reader.GetString(1));
        }
        return owned;
    }

    /// <summary>
    /// Waits until each run appended an event stamped after <paramref name="killedAt"/> (or finished without needing
    /// one); returns, per run, the time from the kill to that append.
    /// </summary>
    public async Task<List<TimeSpan>> WaitResumedAsync(List<string> runs, DateTimeOffset killedAt, TimeSpan timeout, Func<string> describe)
    {
        var ids = runs.ToArray();
        const string Sql =
            """
            SELECT q.run_id, coalesce((SELECT min(e.occurred_at) FROM events e WHERE e.run_id = q.run_id AND e.occurred_at > $2),
                                      CASE WHEN q.status = 'finished' THEN q.updated_at END)
            FROM cluster_agent_runs q WHERE q.run_id = ANY($1)
            """;
        var resumed = new List<TimeSpan>();
        await WaitAsync(async () =>
        {
            resumed.Clear();
            await using var command = db.CreateCommand(Sql);
            command.Parameters.AddWithValue(ids);
            command.Parameters.AddWithValue(killedAt);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!reader.IsDBNull(1))
                {
                    resumed.Add(reader.GetFieldValue<DateTimeOffset>(1) - killedAt);
                }
            }
            return resumed.Count == ids.Length;
        }, timeout, () => $"only {resumed.Count} of {ids.Length} runs of the killed silo resumed within {timeout.TotalSeconds} s: {Queue(ids).Result}\n{describe()}");
        return resumed;
    }

    /// <summary>How long after <paramref name="killedAt"/> the membership table first showed <paramref name="silo"/> dead.</summary>
    public async Task<TimeSpan> WaitDeclaredDeadAsync(string clusterId, string silo, DateTimeOffset killedAt, TimeSpan timeout)
    {
        await WaitAsync(async () => (await MembershipAsync(clusterId)).GetValueOrDefault(silo) == 6, timeout, () => $"silo {silo} was not declared dead within {timeout.TotalSeconds} s");
        return DateTimeOffset.UtcNow - killedAt;
    }

    /// <summary>Events of <paramref name="runs"/> and the seconds between the first and the last.</summary>
    public async Task<(long Events, double Seconds)> EventRateAsync(string[] runs)
    {
        await using var command = db.CreateCommand("SELECT count(*), extract(epoch FROM max(occurred_at) - min(occurred_at))::float8 FROM events WHERE run_id = ANY($1)");
        command.Parameters.AddWithValue(runs);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetDouble(1));
    }

    public async Task<List<string>> OutcomesAsync(IEnumerable<string> runs)
    {
        await using var command = db.CreateCommand("SELECT coalesce(outcome, status) FROM cluster_agent_runs WHERE run_id = ANY($1)");
        command.Parameters.AddWithValue(runs.ToArray());
        var outcomes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            outcomes.Add(reader.GetString(0));
        }
        return outcomes;
    }

    /// <summary>Membership status by silo address (Orleans <c>SiloStatus</c>: 3 active, 6 dead).</summary>
    public async Task<Dictionary<string, int>> MembershipAsync(string clusterId)
    {
        await using var command = db.CreateCommand("SELECT address, port, generation, status FROM orleansmembershiptable WHERE deploymentid = $1");
        command.Parameters.AddWithValue(clusterId);
        var silos = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // SiloAddress.ToParsableString(): "address:port@generation".
            silos[$"{reader.GetString(0)}:{reader.GetInt32(1)}@{reader.GetInt32(2)}"] = reader.GetInt32(3);
        }
        return silos;
    }

    /// <summary>
    /// Suspicion votes Orleans' probing cast against a silo while it was alive (never killed, or before
    /// <paramref name="killedAt"/> said when): each is a false suspicion of a healthy silo. The membership row keeps them as
    /// <c>voter,yyyy-MM-dd HH:mm:ss.fff GMT</c> entries separated by <c>|</c>; an entry whose time does not parse counts as false.
    /// </summary>
    public async Task<int> FalseSuspicionsAsync(string clusterId, IReadOnlyDictionary<string, DateTimeOffset> killedAt)
    {
        await using var command = db.CreateCommand("SELECT address, port, generation, coalesce(suspecttimes, '') FROM orleansmembershiptable WHERE deploymentid = $1");
        command.Parameters.AddWithValue(clusterId);
        var falseVotes = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var silo = $"{reader.GetString(0)}:{reader.GetInt32(1)}@{reader.GetInt32(2)}";
            foreach (var vote in reader.GetString(3).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var time = vote[(vote.LastIndexOf(',') + 1)..].Replace("GMT", "", StringComparison.Ordinal).Trim();
                var parsed = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at);
                if (!parsed || !killedAt.TryGetValue(silo, out var killed) || at < killed)
                {
                    falseVotes++;
                }
            }
        }
        return falseVotes;
    }

    private async Task<string> Queue(string[] runs)
    {
        await using var command = db.CreateCommand("SELECT status, coalesce(owner_silo, '-'), count(*) FROM cluster_agent_runs WHERE run_id = ANY($1) GROUP BY 1, 2");
        command.Parameters.AddWithValue(runs);
        var parts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            parts.Add($"{reader.GetString(0)}@{reader.GetString(1)}: {reader.GetInt64(2)}");
        }
        return string.Join(", ", parts);
    }

    private async Task<T> ScalarAsync<T>(string sql, string[] runs, long? number = null)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue(runs);
        if (number is { } value)
        {
            command.Parameters.AddWithValue(value);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(failure());
            }
            await Task.Delay(Poll);
        }
    }
}
