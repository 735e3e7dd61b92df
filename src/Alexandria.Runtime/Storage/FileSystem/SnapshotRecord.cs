using System;
using System.Buffers.Binary;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Binary form of one snapshot in the run's snapshot segment:
/// <c>[u8 format][i64 version][16 id][u8 has parent][16 parent][i64 first seq][i64 last seq][i64 created UTC ticks][json]</c>.
/// The per-run <c>version</c> (1, 2, …) orders the history.
/// </summary>
/// <remarks>
/// Format 3 (written by a compaction commit) adds, between the header and the JSON, the event batch the
/// snapshot was committed with: <c>[i32 batch length][event batch record]</c>. The snapshot record is the
/// commit point of the whole compaction; if the process dies before the batch reaches the event log, the
/// next access to the run appends it from here (roll forward), so a snapshot never exists without the
/// events that record it.
/// Format 2 commits itself: the record's checksummed, fsynced append is the commit
/// point of the snapshot and of the <c>latest</c> move, so one durable write does both. Format 1
/// (written by earlier versions) was committed by the separate <c>latest</c> pointer file; such a
/// record counts only up to the version that file names.
/// </remarks>
internal static class SnapshotRecord
{
    public const byte LegacyFormat = 1;
    public const byte SelfCommittingFormat = 2;
    public const byte WithEventsFormat = 3;
    private const int HeaderLength = 1 + 8 + 16 + 1 + 16 + 8 + 8 + 8;

    /// <param name="version">The per-run version.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="eventBatch">The encoded event batch committed with it (compaction), or null.</param>
    public static byte[] Encode(long version, StoredSnapshot snapshot, byte[]? eventBatch = null)
    {
        // Converted by hand: a null array would otherwise become an empty batch, not "no batch".
        ReadOnlyMemory<byte>? batch = eventBatch is null ? default(ReadOnlyMemory<byte>?) : eventBatch.AsMemory();
        byte[] buffer = new byte[Size(snapshot, batch)];
        Write(version, snapshot, batch, buffer);
        return buffer;
    }

    /// <summary>
    /// Encodes as <see cref="Encode"/> into a buffer from <see cref="System.Buffers.ArrayPool{T}.Shared"/> (the caller
    /// returns it) after <paramref name="headroom"/> free bytes for the segment log's record header. Returns the length.
    /// </summary>
    public static int EncodePooled(long version, StoredSnapshot snapshot, ReadOnlyMemory<byte>? eventBatch, int headroom, out byte[] buffer)
    {
        int size = Size(snapshot, eventBatch);
        buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(headroom + size);
        Write(version, snapshot, eventBatch, buffer.AsSpan(headroom, size));
        return size;
    }

    private static int Size(StoredSnapshot snapshot, ReadOnlyMemory<byte>? eventBatch) =>
        HeaderLength + (eventBatch is { } batch ? 4 + batch.Length : 0) + snapshot.Json.Length;

    private static void Write(long version, StoredSnapshot snapshot, ReadOnlyMemory<byte>? eventBatch, Span<byte> span)
    {
        int batchSection = eventBatch is { } withBatch ? 4 + withBatch.Length : 0;
        span[0] = eventBatch is null ? SelfCommittingFormat : WithEventsFormat;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], version);
        snapshot.SnapshotId.TryWriteBytes(span[9..]);
        span[25] = snapshot.ParentSnapshotId is null ? (byte)0 : (byte)1;
        (snapshot.ParentSnapshotId ?? Guid.Empty).TryWriteBytes(span[26..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[42..], snapshot.FirstSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[50..], snapshot.LastSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[58..], StorageTime.Normalize(snapshot.CreatedAt).UtcTicks);
        if (eventBatch is { } batch)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[HeaderLength..], batch.Length);
            batch.Span.CopyTo(span[(HeaderLength + 4)..]);
        }

        snapshot.Json.Span.CopyTo(span[(HeaderLength + batchSection)..]);
    }

    /// <summary>The event batch a compaction committed with this snapshot, or an empty span.</summary>
    public static ReadOnlySpan<byte> EventBatch(ReadOnlySpan<byte> record)
    {
        if (record[0] != WithEventsFormat)
        {
            return default;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(record[HeaderLength..]);
        if (length < 0 || length > record.Length - HeaderLength - 4)
        {
            throw new StorageCorruptedException("A snapshot record's event batch is malformed.");
        }

        return record.Slice(HeaderLength + 4, length);
    }

    public static (long Version, Guid SnapshotId, bool SelfCommitting) ReadKey(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderLength || record[0] is not (LegacyFormat or SelfCommittingFormat or WithEventsFormat))
        {
            throw new StorageCorruptedException("A snapshot record has an unknown format.");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(record[1..]), new Guid(record.Slice(9, 16)), record[0] != LegacyFormat);
    }

    /// <remarks>The snapshot's JSON is a slice of <paramref name="stored"/>, not a copy.</remarks>
    public static StoredSnapshot Decode(string runId, ReadOnlyMemory<byte> stored)
    {
        ReadOnlySpan<byte> record = stored.Span;
        (_, Guid id, _) = ReadKey(record);
        Guid? parent = record[25] == 0 ? null : new Guid(record.Slice(26, 16));
        return new StoredSnapshot(
            runId,
            id,
            parent,
            BinaryPrimitives.ReadInt64LittleEndian(record[42..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[50..]),
            StorageTime.FromUtcTicks(BinaryPrimitives.ReadInt64LittleEndian(record[58..])),
            stored[JsonOffset(record)..]);
    }

    /// <summary>Where the snapshot's JSON starts in <paramref name="record"/>.</summary>
    public static int JsonOffset(ReadOnlySpan<byte> record) =>
        HeaderLength + (record[0] == WithEventsFormat ? 4 + EventBatch(record).Length : 0);
}
