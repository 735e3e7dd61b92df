using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// Reads a run's <see cref="RunOpening"/> as one statement, so one round trip and one MVCC snapshot: the head, the
/// latest snapshot, and the events from <c>historyCount</c> before the snapshot's end through the head. Read piece by
/// piece it took three round trips (docs/benchmarks.runtime.md, "Against Marten"), and the tail had to be read against
/// a snapshot that a concurrent compaction could have moved in between.
/// </summary>
internal static class PostgresRunOpening
{
    // One row shape for three kinds of row, told apart by the first column and ordered by (part, seq):
    // part 0, the head: seq = event_heads.last_seq;
    // part 1, the latest snapshot: seq = first_seq, step_id = last_seq, at = created_at, id, parent;
    // part 2, an event: seq, step_id, kind, counted, at = occurred_at.
    // The payload goes uncast (json arrives as its UTF-8 text and is read as bytes, never as a string).
    private const string Sql =
        """
        WITH latest AS (
            SELECT s.snapshot_id, s.parent_snapshot_id, s.first_seq, s.last_seq, s.created_at, s.payload, s.payload_sha256
            FROM snapshot_latest l JOIN snapshots s ON s.run_id = l.run_id AND s.snapshot_id = l.snapshot_id
            WHERE l.run_id = $1 AND s.run_id = $1)
        SELECT 0 AS part, h.last_seq AS seq, NULL::bigint, NULL::text, NULL::boolean, NULL::timestamptz, NULL::json, NULL::text, NULL::uuid, NULL::uuid
        FROM event_heads h WHERE h.run_id = $1
        UNION ALL
        SELECT 1, first_seq, last_seq, NULL, NULL, created_at, payload, payload_sha256, snapshot_id, parent_snapshot_id FROM latest
        UNION ALL
        SELECT 2, e.seq, e.step_id, e.kind, e.counted, e.occurred_at, e.payload, e.payload_sha256, NULL, NULL
        FROM events e WHERE e.run_id = $1 AND e.seq > COALESCE((SELECT last_seq FROM latest), 0) - $2
        ORDER BY 1, 2
        """;

    public static async Task<RunOpening> ReadAsync(NpgsqlDataSource dataSource, IObjectStore objects, string runId, int historyCount, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(historyCount);
        long head = 0;
        StoredSnapshot? latest = null;
        var events = new List<StoredEvent>();
        var offloaded = new List<(int Index, string Sha256)>();
        string? snapshotPointer = null;
        await using (NpgsqlCommand command = dataSource.CreateCommand(Sql))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = historyCount });
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                int part = reader.GetInt32(0);
                byte[] inline = reader.IsDBNull(6) ? Array.Empty<byte>() : PostgresPayload.ReadInline(reader, 6, runId);
                string? sha256 = reader.IsDBNull(7) ? null : reader.GetString(7);
                switch (part)
                {
                    case 0:
                        head = reader.GetInt64(1);
                        break;
                    case 1:
                        latest = new StoredSnapshot(
                            runId, reader.GetGuid(8), reader.IsDBNull(9) ? null : reader.GetGuid(9), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(5), inline);
                        snapshotPointer = reader.IsDBNull(6) ? sha256 ?? throw NoPayload(runId, "its latest snapshot") : null;
                        break;
                    default:
                        long seq = reader.GetInt64(1);
                        if (reader.IsDBNull(6))
                        {
                            offloaded.Add((events.Count, sha256 ?? throw NoPayload(runId, $"event seq {seq}")));
                        }

                        events.Add(new StoredEvent(runId, seq, reader.GetInt64(2), reader.GetString(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5), inline));
                        break;
                }
            }
        }

        // Offloaded documents are read after the statement, hash-verified by the object store, as the separate reads do.
        if (snapshotPointer is not null)
        {
            latest = latest! with { Json = await objects.ReadAsync(runId, snapshotPointer, cancellationToken).ConfigureAwait(false) };
        }

        foreach (var (index, sha256) in offloaded)
        {
            events[index] = events[index] with { Json = await objects.ReadAsync(runId, sha256, cancellationToken).ConfigureAwait(false) };
        }

        return Split(runId, head, latest, events, historyCount);
    }

    /// <summary>History and tail, after checking that the events are gapless from where they start through the head.</summary>
    private static RunOpening Split(string runId, long head, StoredSnapshot? latest, List<StoredEvent> events, int historyCount)
    {
        long covered = latest?.LastSeq ?? 0;
        long expected = Math.Max(1, covered - historyCount + 1);
        int historyEnd = 0;
        foreach (StoredEvent evt in events)
        {
            if (evt.Seq != expected)
            {
                throw new StorageCorruptedException($"Run '{runId}' has no event seq {expected} (the next stored one is {evt.Seq}).");
            }

            expected++;
            historyEnd += evt.Seq <= covered ? 1 : 0;
        }

        // The head moves in the transaction that inserts the events, so in one snapshot of the database they agree. An
        // empty log with a snapshot cannot be: compaction commits the snapshot with its events.
        long last = events.Count > 0 ? events[^1].Seq : 0;
        if (last != head || (latest is not null && covered > head))
        {
            throw new StorageCorruptedException(
                $"Run '{runId}': its head is at seq {head}, but its events end at seq {last} (latest snapshot covers through {covered}).");
        }

        return new RunOpening(latest, events.GetRange(0, historyEnd), events.GetRange(historyEnd, events.Count - historyEnd));
    }

    private static StorageCorruptedException NoPayload(string runId, string what)
        => new($"A row of run '{runId}' ({what}) has neither an inline payload nor a pointer.");
}
