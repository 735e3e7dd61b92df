using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Event log in PostgreSQL. An append is one transaction: move the run's head in
/// <c>event_heads</c> from the expected seq to the new one (the row lock serialises writers of a
/// run, and a head that moved matches no row), then insert the batch. The events primary key
/// (run_id, seq) is the backstop against any path that bypasses the head.
/// </summary>
internal sealed class PostgresEventLog : IEventLog, IParsingEventReader
{
    // Below this the batch goes as one statement (head move + INSERT over unnest(), its own transaction: one round
    // trip); from it on, BEGIN + head move, COPY, COMMIT (four). Measured with the round-trip probe
    // (docs/benchmarks.runtime.md, "Against Marten"): the single statement costs less client and server CPU than COPY
    // at 100 and at 1,000 events, so COPY is kept for the bulk loads only.
    internal const int CopyThreshold = 1024;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IObjectStore _objects;
    private readonly int _inlineLimitBytes;

    public PostgresEventLog(NpgsqlDataSource dataSource, IObjectStore objects, int inlineLimitBytes)
    {
        _dataSource = dataSource;
        _objects = objects;
        _inlineLimitBytes = inlineLimitBytes;
    }

    public async Task<AppendedRange> AppendAsync(
        string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        StorageGuards.EventBatch(runId, expectedLastSeq, events);
        PostgresPayload[] payloads = await PreparePayloadsAsync(runId, events, cancellationToken).ConfigureAwait(false);
        long newLastSeq = expectedLastSeq + events.Count;
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (events.Count < CopyThreshold)
            {
                // One statement, so one round trip and its own transaction: the head move and the insert commit
                // together, and when the head was not where the writer expected it nothing is inserted.
                await using NpgsqlCommand single = AppendCommand(connection, runId, expectedLastSeq, events, payloads);
                TestKillPoint.Reach(TestKillPoint.PostgresEventsBeforeCommit);
                if (await single.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != events.Count)
                {
                    throw new SequenceConflictException(runId, expectedLastSeq, await ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false));
                }

                TestKillPoint.Reach(TestKillPoint.PostgresEventsAfterCommit);
                return new AppendedRange(expectedLastSeq + 1, newLastSeq);
            }

            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            NpgsqlBatchCommand head = MoveHeadCommand(runId, expectedLastSeq, newLastSeq);
            batch.BatchCommands.Add(head);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (head.RecordsAffected != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                throw new SequenceConflictException(runId, expectedLastSeq, await ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false));
            }

            await CopyAsync(connection, runId, expectedLastSeq + 1, events, payloads, cancellationToken).ConfigureAwait(false);
            TestKillPoint.Reach(TestKillPoint.PostgresEventsBeforeCommit);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            TestKillPoint.Reach(TestKillPoint.PostgresEventsAfterCommit);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            long actual = await ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false);
            throw new SequenceConflictException(runId, expectedLastSeq, actual, ex);
        }

        return new AppendedRange(expectedLastSeq + 1, newLastSeq);
    }

    /// <summary>
    /// Offloaded payloads are written before any transaction: an append that then loses the race
    /// leaves an unreferenced, content-addressed object behind, never a row without its object.
    /// </summary>
    internal async Task<PostgresPayload[]> PreparePayloadsAsync(string runId, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken)
    {
        var payloads = new PostgresPayload[events.Count];
        for (int i = 0; i < events.Count; i++)
        {
            payloads[i] = await PostgresPayload.PrepareAsync(_objects, runId, events[i].Json, _inlineLimitBytes, cancellationToken).ConfigureAwait(false);
        }

        return payloads;
    }

    /// <summary>
    /// Moves the run's head from <paramref name="expectedLastSeq"/> to <paramref name="newLastSeq"/>;
    /// it affects exactly one row when the head was where the writer expected it.
    /// </summary>
    /// <remarks>
    /// A first append inserts the head; a concurrent first append then blocks on the primary key
    /// and, once the winner commits, inserts nothing. A later append moves the head only from the
    /// expected value; under READ COMMITTED the WHERE is re-checked after waiting for the row lock.
    /// </remarks>
    internal static NpgsqlBatchCommand MoveHeadCommand(string runId, long expectedLastSeq, long newLastSeq)
    {
        var command = new NpgsqlBatchCommand(expectedLastSeq == 0
            ? "INSERT INTO event_heads (run_id, last_seq) VALUES ($1, $2) ON CONFLICT (run_id) DO NOTHING"
            : "UPDATE event_heads SET last_seq = $2 WHERE run_id = $1 AND last_seq = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = newLastSeq });
        if (expectedLastSeq != 0)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedLastSeq });
        }

        return command;
    }

    /// <summary>
    /// The head move and the insert as one statement (a data-modifying CTE): the insert runs only when the head moved,
    /// so the statement affects <c>events.Count</c> rows on success and none on a conflict.
    /// </summary>
    internal static NpgsqlCommand AppendCommand(NpgsqlConnection connection, string runId, long expectedLastSeq, IReadOnlyList<EventToAppend> events, PostgresPayload[] payloads)
    {
        NpgsqlBatchCommand insert = InsertCommand(runId, expectedLastSeq + 1, events, payloads);
        string head = expectedLastSeq == 0
            ? "INSERT INTO event_heads (run_id, last_seq) VALUES ($1, $2 + $10 - 1) ON CONFLICT (run_id) DO NOTHING RETURNING 1"
            : "UPDATE event_heads SET last_seq = $2 + $10 - 1 WHERE run_id = $1 AND last_seq = $2 - 1 RETURNING 1";
        var command = new NpgsqlCommand($"WITH head AS ({head}) {insert.CommandText} WHERE EXISTS (SELECT 1 FROM head)", connection);
        foreach (NpgsqlParameter parameter in insert.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = events.Count });
        return command;
    }

    /// <summary>Inserts <paramref name="events"/> at <paramref name="firstSeq"/>.. with one multi-row INSERT over unnest().</summary>
    internal static NpgsqlBatchCommand InsertCommand(string runId, long firstSeq, IReadOnlyList<EventToAppend> events, PostgresPayload[] payloads)
    {
        int count = events.Count;
        var stepIds = new long[count];
        var kinds = new string[count];
        var counted = new bool[count];
        var occurredAt = new DateTimeOffset[count];
        var inline = new string?[count];
        var sha256 = new string?[count];
        var sizes = new int[count];
        for (int i = 0; i < count; i++)
        {
            stepIds[i] = events[i].StepId;
            kinds[i] = events[i].Kind;
            counted[i] = events[i].Counted;
            occurredAt[i] = StorageTime.Normalize(events[i].OccurredAt);
            inline[i] = payloads[i].Inline;
            sha256[i] = payloads[i].Sha256;
            sizes[i] = payloads[i].SizeBytes;
        }

        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO events (run_id, seq, step_id, kind, counted, occurred_at, payload, payload_sha256, payload_size)
            SELECT $1, $2 + t.ord - 1, t.step_id, t.kind, t.counted, t.occurred_at, t.payload::json, t.payload_sha256, t.payload_size
            FROM unnest($3::bigint[], $4::text[], $5::boolean[], $6::timestamptz[], $7::text[], $8::text[], $9::integer[])
                 WITH ORDINALITY AS t(step_id, kind, counted, occurred_at, payload, payload_sha256, payload_size, ord)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = firstSeq });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = stepIds });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = counted });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = occurredAt });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = inline, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = sizes });
        return command;
    }

    internal static async Task<long> ReadLastSeqAsync(NpgsqlConnection connection, string runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_seq FROM event_heads WHERE run_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
        object? result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is long lastSeq ? lastSeq : 0;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return Array.Empty<StoredEvent>();
        }

        var rows = new List<(long Seq, long StepId, string Kind, bool Counted, DateTimeOffset OccurredAt, byte[]? Inline, string? Sha256)>();
        await using (NpgsqlCommand command = _dataSource.CreateCommand(
            """
            SELECT seq, step_id, kind, counted, occurred_at, payload, payload_sha256
            FROM events WHERE run_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Math.Max(1, fromSeq) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    reader.GetString(2),
                    reader.GetBoolean(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : PostgresPayload.ReadInline(reader, 5, runId),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        var events = new StoredEvent[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ReadOnlyMemory<byte> json = await PostgresPayload.ResolveAsync(_objects, runId, row.Inline, row.Sha256, cancellationToken).ConfigureAwait(false);
            events[i] = new StoredEvent(runId, row.Seq, row.StepId, row.Kind, row.Counted, row.OccurredAt, json);
        }

        return events;
    }

    /// <summary>
    /// As <see cref="ReadAsync"/>, parsing each inline document where it lies in one pooled buffer: no string, no copy
    /// per event, no <see cref="StoredEvent"/> (replay keeps only the typed events). Offloaded documents are read from
    /// the object store, hash-verified, once the rows are read.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReadParsedAsync<T>(string runId, long fromSeq, int maxCount, EventJsonParser<T> parse, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var parsed = new List<T>(Math.Min(maxCount, 1024));
        if (maxCount == 0)
        {
            return parsed;
        }

        List<(int Index, string Sha256)>? offloaded = null;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            await using NpgsqlCommand command = _dataSource.CreateCommand(
                "SELECT payload, payload_sha256 FROM events WHERE run_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Math.Max(1, fromSeq) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.IsDBNull(0))
                {
                    (offloaded ??= new()).Add((parsed.Count, reader.IsDBNull(1)
                        ? throw new StorageCorruptedException($"A row of run '{runId}' has neither an inline payload nor a pointer.")
                        : reader.GetString(1)));
                    parsed.Add(default!);
                    continue;
                }

                int length = PostgresPayload.ReadInline(reader, 0, runId, ref buffer);
                parsed.Add(parse(buffer.AsSpan(0, length)));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        foreach (var (index, sha256) in offloaded ?? new())
        {
            byte[] json = await _objects.ReadAsync(runId, sha256, cancellationToken).ConfigureAwait(false);
            parsed[index] = parse(json);
        }

        return parsed;
    }

    public async Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadLastSeqAsync(connection, runId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection,
        string runId,
        long firstSeq,
        IReadOnlyList<EventToAppend> events,
        PostgresPayload[] payloads,
        CancellationToken cancellationToken)
    {
        await using NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync(
            "COPY events (run_id, seq, step_id, kind, counted, occurred_at, payload, payload_sha256, payload_size) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < events.Count; i++)
        {
            EventToAppend e = events[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(runId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(firstSeq + i, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.StepId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Counted, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(StorageTime.Normalize(e.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            if (payloads[i].Inline is { } inline)
            {
                await importer.WriteAsync(inline, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(payloads[i].Sha256!, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await importer.WriteAsync(payloads[i].SizeBytes, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
