using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Snapshots in PostgreSQL: rows in <c>snapshots</c> are never changed; <c>snapshot_latest</c> holds
/// one pointer per run, checked and moved in the same transaction as the insert (one round trip for
/// both statements, one for the commit).
/// </summary>
internal sealed class PostgresSnapshotStore : ISnapshotStore, ISnapshotJsonComparer
{
    private const string Columns =
        "s.snapshot_id, s.parent_snapshot_id, s.first_seq, s.last_seq, s.created_at, s.payload, s.payload_sha256";

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
        PostgresPayload payload = await PreparePayloadAsync(snapshot, cancellationToken).ConfigureAwait(false);
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            AppendCommands commands = AddAppendCommands(batch, snapshot, payload, expectedLatest);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (!commands.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw new SnapshotConflictException(snapshot.RunId, expectedLatest, await ReadLatestIdAsync(connection, snapshot.RunId, cancellationToken).ConfigureAwait(false));
            }

            TestKillPoint.Reach(TestKillPoint.PostgresSnapshotBeforeCommit);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            TestKillPoint.Reach(TestKillPoint.PostgresSnapshotAfterCommit);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw await ConflictAsync(connection, snapshot, expectedLatest, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Offloads the document to the object store first when it is over the inline limit.</summary>
    internal Task<PostgresPayload> PreparePayloadAsync(StoredSnapshot snapshot, CancellationToken cancellationToken) =>
        PostgresPayload.PrepareAsync(_objects, snapshot.RunId, snapshot.Json, _inlineLimitBytes, cancellationToken);

    /// <summary>
    /// Adds the two statements of a snapshot append to <paramref name="batch"/>: insert the snapshot at
    /// the version after the latest, then move <c>latest</c> to it. Both are conditioned on the latest
    /// being <paramref name="expectedLatest"/>, so each affects exactly one row when it was; otherwise
    /// the caller rolls back. Two writers that both saw the same latest collide on
    /// <c>UNIQUE (run_id, version)</c>, which makes the later one fail once the first commits.
    /// </summary>
    internal static AppendCommands AddAppendCommands(NpgsqlBatch batch, StoredSnapshot snapshot, PostgresPayload payload, Guid? expectedLatest)
    {
        var insert = new NpgsqlBatchCommand(expectedLatest is null
            ? """
              INSERT INTO snapshots (snapshot_id, run_id, version, parent_snapshot_id, first_seq, last_seq, created_at, payload, payload_sha256, payload_size)
              SELECT $1, $2, 1, $3, $4, $5, $6, $7::json, $8, $9
              WHERE NOT EXISTS (SELECT 1 FROM snapshot_latest WHERE run_id = $2)
              """
            : """
              INSERT INTO snapshots (snapshot_id, run_id, version, parent_snapshot_id, first_seq, last_seq, created_at, payload, payload_sha256, payload_size)
              SELECT $1, $2, l.version + 1, $3, $4, $5, $6, $7::json, $8, $9
              FROM snapshot_latest l WHERE l.run_id = $2 AND l.snapshot_id = $10
              """);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshot.SnapshotId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.RunId });
        insert.Parameters.Add(new NpgsqlParameter { Value = snapshot.ParentSnapshotId is { } parent ? parent : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.FirstSeq });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.LastSeq });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Normalize(snapshot.CreatedAt) });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)payload.Inline ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)payload.Sha256 ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = payload.SizeBytes });

        var moveLatest = new NpgsqlBatchCommand(expectedLatest is null
            ? "INSERT INTO snapshot_latest (run_id, snapshot_id, version) VALUES ($1, $2, 1) ON CONFLICT (run_id) DO NOTHING"
            : "UPDATE snapshot_latest SET snapshot_id = $2, version = version + 1 WHERE run_id = $1 AND snapshot_id = $3");
        moveLatest.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.RunId });
        moveLatest.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshot.SnapshotId });
        if (expectedLatest is { } expected)
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = expected });
            moveLatest.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = expected });
        }

        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(moveLatest);
        return new AppendCommands(insert, moveLatest);
    }

    /// <summary>The conflict a unique violation during a snapshot append stands for; reads the actual latest.</summary>
    internal static async Task<SnapshotConflictException> ConflictAsync(
        NpgsqlConnection connection, StoredSnapshot snapshot, Guid? expectedLatest, PostgresException ex, CancellationToken cancellationToken)
    {
        Guid? actual = await ReadLatestIdAsync(connection, snapshot.RunId, cancellationToken).ConfigureAwait(false);
        // The table is partitioned (migration 0003): the violated key is reported as its partition's, snapshots_pNN_pkey.
        string? detail = ex.ConstraintName is { } constraint && constraint.StartsWith("snapshots", StringComparison.Ordinal) && constraint.EndsWith("_pkey", StringComparison.Ordinal)
            ? $"Snapshot {snapshot.SnapshotId} already exists; snapshots are immutable, append a new id. Nothing was written."
            : null;
        return new SnapshotConflictException(snapshot.RunId, expectedLatest, actual, detail, ex);
    }

    internal static async Task<Guid?> ReadLatestIdAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT snapshot_id FROM snapshot_latest WHERE run_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is Guid id ? id : null;
    }

    public async Task<StoredSnapshot?> GetLatestAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        IReadOnlyList<StoredSnapshot> found = await QueryAsync(
            runId,
            $"SELECT {Columns} FROM snapshot_latest l JOIN snapshots s ON s.run_id = l.run_id AND s.snapshot_id = l.snapshot_id WHERE l.run_id = $1 AND s.run_id = $1",
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

    /// <summary>Compares an inline snapshot where it lies in a pooled buffer (replay keeps none); an offloaded one is read, hash-verified.</summary>
    public async Task<bool?> JsonEqualsAsync(string runId, Guid snapshotId, ReadOnlyMemory<byte> expected, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        string? sha256 = null;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(expected.Length);
        try
        {
            await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT s.payload, s.payload_sha256 FROM snapshots s WHERE s.run_id = $1 AND s.snapshot_id = $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshotId });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (!reader.IsDBNull(0))
            {
                int length = PostgresPayload.ReadInline(reader, 0, runId, ref buffer);
                return buffer.AsSpan(0, length).SequenceEqual(expected.Span);
            }

            sha256 = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ReadOnlyMemory<byte> offloaded = await PostgresPayload.ResolveAsync(_objects, runId, null, sha256, cancellationToken).ConfigureAwait(false);
        return offloaded.Span.SequenceEqual(expected.Span);
    }

    public Task<IReadOnlyList<StoredSnapshot>> GetHistoryAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        return QueryAsync(runId, $"SELECT {Columns} FROM snapshots s WHERE s.run_id = $1 ORDER BY s.version", null, cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> GetHistoryIdsAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        var ids = new List<Guid>();
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT s.snapshot_id FROM snapshots s WHERE s.run_id = $1 ORDER BY s.version");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<IReadOnlyList<StoredSnapshot>> QueryAsync(string runId, string sql, Guid? snapshotId, CancellationToken cancellationToken)
    {
        // The payload column goes uncast: json arrives as its UTF-8 text and is read as bytes, with no string between.
        var rows = new List<(Guid Id, Guid? Parent, long First, long Last, DateTimeOffset CreatedAt, byte[]? Inline, string? Sha256)>();
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
                    reader.IsDBNull(5) ? null : PostgresPayload.ReadInline(reader, 5, runId),
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

    /// <summary>The statements of one snapshot append; the append took effect when both affected their row.</summary>
    internal readonly record struct AppendCommands(NpgsqlBatchCommand Insert, NpgsqlBatchCommand MoveLatest)
    {
        public bool Succeeded => Insert.RecordsAffected == 1 && MoveLatest.RecordsAffected == 1;
    }
}
