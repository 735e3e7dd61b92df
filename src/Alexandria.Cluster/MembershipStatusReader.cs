using System;
using Npgsql;
using Orleans.Runtime;

namespace Alexandria.Cluster;

/// <summary>
/// Reads one silo's status straight from the membership table (<c>OrleansMembershipTable</c>, migration 0021),
/// synchronously, for the fast death detector's own thread: Orleans' <c>Refresh</c> reads the whole table through the
/// thread pool, which on a saturated silo costs hundreds of milliseconds of queueing per await.
/// </summary>
internal sealed class MembershipStatusReader(string connectionString, string clusterId) : IDisposable
{
    // Its own pool, not the store's data source: the store's pool is what a hundred busy runs drain, and the detector must
    // not queue behind them for a connection. Two connections at most: the detector reads one row at a time.
    private readonly NpgsqlDataSource _db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 2 }.ConnectionString).Build();

    /// <summary>The silo's status in the table, or null when it has no row there.</summary>
    public SiloStatus? StatusOf(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        using var command = _db.CreateCommand(
            "SELECT status FROM orleansmembershiptable WHERE deploymentid = $1 AND address = $2 AND port = $3 AND generation = $4");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(silo.Endpoint.Address.ToString());
        command.Parameters.AddWithValue(silo.Endpoint.Port);
        command.Parameters.AddWithValue(silo.Generation);
        return command.ExecuteScalar() is int status ? (SiloStatus)status : null;
    }

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();
}
