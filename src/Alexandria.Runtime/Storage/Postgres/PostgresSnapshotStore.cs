using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Snapshots in PostgreSQL: rows in <c>snapshots</c> are never changed; <c>snapshot_latest</c> holds
/// one pointer per run, locked, checked and moved in the same transaction as the insert.
/// </summary>
internal sealed class PostgresSnapshotStore : ISnapshotStore
{
    private const string Columns =
        "s.snapshot_id, s.parent_snapshot_id, s.first_seq, s.last_seq, s.created_at, s.payload::text, s.payload_sha256";

    private readonly NpgsqlDataSource _dataSource;
    private readonly IObjectStore _objects;
    private readonly int _inlineLimitBytes;

    public PostgresSnapshotStore(NpgsqlDataSource dataSource, IObjectStore objects, int inlineLimitBytes)
    {
        _dataSource = dataSource;
        _objects = objects;
        _inlineLimitBytes = inlineLimitBytes;
    }

    public async Task AppendAsync(StoredSnapshot snapshot, Guid? expectedLatest, CancellationToken cancellationToken = default)
    {
        StorageGuards.Snapshot(snapshot);
        string runId = snapshot.RunId;
        PostgresPayload payload = await PostgresPayload.PrepareAsync(_objects, runId, snapshot.Json, _inlineLimitBytes, cancellationToken).ConfigureAwait(false);

        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            Guid? actualLatest = null;
            long version = 0;
            await using (var command = new NpgsqlCommand(
                "SELECT snapshot_id, version FROM snapshot_latest WHERE run_id = $1 FOR UPDATE", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    actualLatest = reader.GetGuid(0);
                    version = reader.GetInt64(1);
                }
            }

            if (actualLatest != expectedLatest)
            {
                throw new SnapshotConflictException(runId, expectedLatest, actualLatest);
            }

            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO snapshots (snapshot_id, run_id, version, parent_snapshot_id, first_seq, last_seq, created_at, payload, payload_sha256, payload_size)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)
                """,
                connection,
                transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshot.SnapshotId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version + 1 });
                command.Parameters.Add(new NpgsqlParameter { Value = snapshot.ParentSnapshotId is { } parent ? parent : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.FirstSeq });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.LastSeq });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Normalize(snapshot.CreatedAt) });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload.Inline ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload.Sha256 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = payload.SizeBytes });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            string moveLatest = actualLatest is null
                ? "INSERT INTO snapshot_latest (run_id, snapshot_id, version) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO NOTHING"
                : "UPDATE snapshot_latest SET snapshot_id = $2, version = $3 WHERE run_id = $1";
            await using (var command = new NpgsqlCommand(moveLatest, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshot.SnapshotId });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version + 1 });
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new SnapshotConflictException(runId, expectedLatest, await ReadLatestIdAsync(runId, cancellationToken).ConfigureAwait(false));
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Guid? actual = await ReadLatestIdAsync(runId, cancellationToken).ConfigureAwait(false);
            string? detail = ex.ConstraintName == "snapshots_pkey"
                ? $"Snapshot {snapshot.SnapshotId} already exists; snapshots are immutable, append a new id. Nothing was written."
                : null;
            throw new SnapshotConflictException(runId, expectedLatest, actual, detail, ex);
        }
    }

    public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        IReadOnlyList<StoredSnapshot> found = await QueryAsync(
            runId,
            $"SELECT {Columns} FROM snapshot_latest l JOIN snapshots s ON s.snapshot_id = l.snapshot_id WHERE l.run_id = $1",
            null,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<StoredSnapshot?> GetAsync(string runId, Guid snapshotId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        IReadOnlyList<StoredSnapshot> found = await QueryAsync(
            runId,
            $"SELECT {Columns} FROM snapshots s WHERE s.run_id = $1 AND s.snapshot_id = $2",
            snapshotId,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        return QueryAsync(runId, $"SELECT {Columns} FROM snapshots s WHERE s.run_id = $1 ORDER BY s.version", null, cancellationToken);
    }

    private async Task<Guid?> ReadLatestIdAsync(string runId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT snapshot_id FROM snapshot_latest WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is Guid id ? id : null;
    }

    private async Task<IReadOnlyList<StoredSnapshot>> QueryAsync(string runId, string sql, Guid? snapshotId, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, Guid? Parent, long First, long Last, DateTimeOffset CreatedAt, string? Inline, string? Sha256)>();
        await using (NpgsqlCommand command = _dataSource.CreateCommand(sql))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            if (snapshotId is { } id)
            {
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            }

            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((
                    reader.GetGuid(0),
                    reader.IsDBNull(1) ? null : reader.GetGuid(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        var snapshots = new StoredSnapshot[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ReadOnlyMemory<byte> json = await PostgresPayload.ResolveAsync(_objects, runId, row.Inline, row.Sha256, cancellationToken).ConfigureAwait(false);
            snapshots[i] = new StoredSnapshot(runId, row.Id, row.Parent, row.First, row.Last, row.CreatedAt, json);
        }

        return snapshots;
    }
}
