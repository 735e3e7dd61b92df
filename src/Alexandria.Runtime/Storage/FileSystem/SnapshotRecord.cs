using System;
using System.Buffers.Binary;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Binary form of one snapshot in the run's snapshot segment:
/// <c>[u8 format][i64 version][16 id][u8 has parent][16 parent][i64 first seq][i64 last seq][i64 created UTC ticks][json]</c>.
/// The per-run <c>version</c> (1, 2, …) orders the history.
/// </summary>
/// <remarks>
/// Format 2 (written now) commits itself: the record's checksummed, fsynced append is the commit
/// point of the snapshot and of the <c>latest</c> move, so one durable write does both. Format 1
/// (written by earlier versions) was committed by the separate <c>latest</c> pointer file; such a
/// record counts only up to the version that file names.
/// </remarks>
internal static class SnapshotRecord
{
    public const byte LegacyFormat = 1;
    public const byte SelfCommittingFormat = 2;
    private const int HeaderLength = 1 + 8 + 16 + 1 + 16 + 8 + 8 + 8;

    public static byte[] Encode(long version, StoredSnapshot snapshot)
    {
        byte[] buffer = new byte[HeaderLength + snapshot.Json.Length];
        Span<byte> span = buffer;
        span[0] = SelfCommittingFormat;
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

    public static (long Version, Guid SnapshotId, bool SelfCommitting) ReadKey(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderLength || record[0] is not (LegacyFormat or SelfCommittingFormat))
        {
            throw new StorageCorruptedException("A snapshot record has an unknown format.");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(record[1..]), new Guid(record.Slice(9, 16)), record[0] == SelfCommittingFormat);
    }

    public static StoredSnapshot Decode(string runId, ReadOnlySpan<byte> record)
    {
        (_, Guid id, _) = ReadKey(record);
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
