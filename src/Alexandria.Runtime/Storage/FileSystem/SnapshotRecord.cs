using System;
using System.Buffers.Binary;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Binary form of one snapshot in the run's snapshot segment:
/// <c>[u8 format=1][i64 version][16 id][u8 has parent][16 parent][i64 first seq][i64 last seq][i64 created UTC ticks][json]</c>.
/// The per-run <c>version</c> (1, 2, …) orders the history and lets recovery tell committed records
/// (version ≤ the latest pointer's) from an uncommitted tail.
/// </summary>
internal static class SnapshotRecord
{
    private const byte Format = 1;
    private const int HeaderLength = 1 + 8 + 16 + 1 + 16 + 8 + 8 + 8;

    public static byte[] Encode(long version, StoredSnapshot snapshot)
    {
        byte[] buffer = new byte[HeaderLength + snapshot.Json.Length];
        Span<byte> span = buffer;
        span[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], version);
        snapshot.SnapshotId.TryWriteBytes(span[9..]);
        span[25] = snapshot.ParentSnapshotId is null ? (byte)0 : (byte)1;
        (snapshot.ParentSnapshotId ?? Guid.Empty).TryWriteBytes(span[26..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[42..], snapshot.FirstSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[50..], snapshot.LastSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[58..], StorageTime.Normalize(snapshot.CreatedAt).UtcTicks);
        snapshot.Json.Span.CopyTo(span[HeaderLength..]);
        return buffer;
    }

    public static (long Version, Guid SnapshotId) ReadKey(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderLength || record[0] != Format)
        {
            throw new StorageCorruptedException("A snapshot record has an unknown format.");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(record[1..]), new Guid(record.Slice(9, 16)));
    }

    public static StoredSnapshot Decode(string runId, ReadOnlySpan<byte> record)
    {
        (_, Guid id) = ReadKey(record);
        Guid? parent = record[25] == 0 ? null : new Guid(record.Slice(26, 16));
        return new StoredSnapshot(
            runId,
            id,
            parent,
            BinaryPrimitives.ReadInt64LittleEndian(record[42..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[50..]),
            StorageTime.FromUtcTicks(BinaryPrimitives.ReadInt64LittleEndian(record[58..])),
            record[HeaderLength..].ToArray());
    }
}
