using System;
using System.Buffers.Binary;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>What an unreadable record at the end of the scanned data is: a crash's torn tail, or corruption.</summary>
internal enum DamageKind
{
    /// <summary>An append that never finished: cut short at end of file, or blocks that were never written (zeros).</summary>
    TornTail,

    /// <summary>Bytes that were once a whole record, or that have whole records after them: never cut automatically.</summary>
    Corruption,
}

/// <summary>
/// Tells a torn tail from corruption, so recovery trims only what no append ever acknowledged.
/// </summary>
/// <remarks>
/// An append is one write + fsync, acknowledged only after the fsync; a crash can therefore leave just a
/// prefix of the last record (the length claims more bytes than the file has) or, on file systems that
/// extend the size before the data reaches the disk, a record whose unwritten blocks read as zeros. Either
/// way nothing whole may follow it. Anything else — a complete record whose checksum fails on bytes that
/// are not a zero fill, or any damage with a valid record somewhere after it — is corruption: trimming it
/// would destroy acknowledged records, so it is reported with its file and offset instead
/// (RocksDB calls the policy kTolerateCorruptedTailRecords).
/// </remarks>
internal static class DamageClassifier
{
    private const int SectorSize = 512;

    /// <param name="rest">Everything from the unreadable record to the end of the segment.</param>
    /// <param name="offset">The file offset of <paramref name="rest"/>.</param>
    /// <param name="maxRecordLength">Longer lengths are garbage, not a record.</param>
    public static (DamageKind Kind, string Reason) Classify(ReadOnlySpan<byte> rest, long offset, int maxRecordLength)
    {
        if (rest.IndexOfAnyExcept((byte)0) < 0)
        {
            return (DamageKind.TornTail, "zero-filled space after the last record (an append whose data never reached the disk)");
        }

        if (rest.Length < SegmentLog.HeaderSize)
        {
            return (DamageKind.TornTail, $"an incomplete record header ({rest.Length} of {SegmentLog.HeaderSize} bytes)");
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        bool complete = length <= (uint)maxRecordLength && length <= (uint)(rest.Length - SegmentLog.HeaderSize);
        int followingRecord = FindWholeRecord(rest, from: complete ? SegmentLog.HeaderSize + (int)length : 1, maxRecordLength);
        if (followingRecord >= 0)
        {
            return (DamageKind.Corruption, $"a damaged record with a whole record after it (at +{followingRecord})");
        }

        if (!complete)
        {
            return (DamageKind.TornTail, $"a record cut short at end of file (its header claims {length} bytes, {rest.Length - SegmentLog.HeaderSize} follow)");
        }

        // Unwritten blocks are whole disk sectors: a zero fill that starts on a sector boundary inside the
        // record and runs to the end of the file. Zeros that start anywhere else are damage, not a lost write.
        int zeroFill = rest.LastIndexOfAnyExcept((byte)0) + 1;
        if (zeroFill < SegmentLog.HeaderSize + (int)length && (offset + zeroFill) % SectorSize == 0)
        {
            return (DamageKind.TornTail, "the last record ends in whole sectors of zeros that were never written");
        }

        return (DamageKind.Corruption, "a complete record whose checksum does not match its bytes");
    }

    /// <summary>The offset of the first whole, checksum-valid record at or after <paramref name="from"/>, or -1.</summary>
    private static int FindWholeRecord(ReadOnlySpan<byte> data, int from, int maxRecordLength)
    {
        for (int offset = from; offset <= data.Length - SegmentLog.HeaderSize; offset++)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            if (length == 0 || length > (uint)maxRecordLength || length > (uint)(data.Length - offset - SegmentLog.HeaderSize))
            {
                continue;
            }

            if (SegmentLog.IsWholeRecord(data.Slice(offset, SegmentLog.HeaderSize + (int)length)))
            {
                return offset;
            }
        }

        return -1;
    }
}
