using System;
using System.Buffers.Binary;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// A side file (<c>&lt;name&gt;.idx</c>) with one fixed-size entry per record of a <see cref="SegmentLog"/>: where the
/// record is, plus a key its owner chooses (the batch's first seq, the snapshot's version and id). It lets the first
/// open of a run in a process start at the last record instead of scanning every segment, and lets a read find a record
/// by binary search. Entry: <c>[u32 segment][u32 length][i64 offset][32-byte key][12 zero bytes][u32 CRC-32C]</c>.
/// </summary>
/// <remarks>
/// The index is derived data, never the source of truth: an entry is written after its record was made durable (so it
/// never names an unacknowledged record) and is not fsynced itself. Every entry carries its own checksum, the entry a
/// cold open starts from is checked against the record it names, and every read checks the record's own checksum and
/// header against its entry; anything that does not agree sends the owner back to a full scan, which rebuilds the index.
/// Written only by the holder of the stream's exclusive lock.
/// </remarks>
internal sealed class SegmentIndex : IDisposable
{
    public const int KeySize = 32;
    private const int EntrySize = 64;
    private const int ChecksummedSize = EntrySize - 4;

    private readonly string _path;
    private readonly ReadMeter? _meter;
    private SafeFileHandle? _reader;
    private SafeFileHandle? _writer;

    public SegmentIndex(string directory, string name, ReadMeter? meter)
    {
        _path = Path.Combine(directory, name + ".idx");
        _meter = meter;
    }

    /// <summary>Whole entries in the file (a partial last one, from a crash mid-write, does not count).</summary>
    public long Count()
    {
        SafeFileHandle? handle = GetReadHandle();
        return handle is null ? 0 : RandomAccess.GetLength(handle) / EntrySize;
    }

    /// <summary>Reads entry <paramref name="index"/>; false when it is missing or its checksum fails.</summary>
    public bool TryRead(long index, out RecordLocation location, Span<byte> key)
    {
        location = default;
        SafeFileHandle? handle = GetReadHandle();
        Span<byte> entry = stackalloc byte[EntrySize];
        _meter?.Add(EntrySize);
        if (handle is null || index < 0 || RandomAccess.Read(handle, entry, index * EntrySize) != EntrySize
            || BinaryPrimitives.ReadUInt32LittleEndian(entry[ChecksummedSize..]) != Checksum(entry))
        {
            return false;
        }

        location = new RecordLocation(
            BinaryPrimitives.ReadInt32LittleEndian(entry),
            BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(entry[4..]));
        entry.Slice(16, KeySize).CopyTo(key);
        return location.Segment >= 1 && location.Offset >= 0 && location.Length >= 0;
    }

    /// <summary>Writes entry <paramref name="index"/> (the caller holds the exclusive lock and knows the file has <paramref name="index"/> entries).</summary>
    public void Write(long index, RecordLocation location, ReadOnlySpan<byte> key)
    {
        Span<byte> entry = stackalloc byte[EntrySize];
        entry.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(entry, location.Segment);
        BinaryPrimitives.WriteInt32LittleEndian(entry[4..], location.Length);
        BinaryPrimitives.WriteInt64LittleEndian(entry[8..], location.Offset);
        key[..Math.Min(KeySize, key.Length)].CopyTo(entry[16..]);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[ChecksummedSize..], Checksum(entry));
        RandomAccess.Write(GetWriteHandle(FileMode.OpenOrCreate)!, entry, index * EntrySize);
    }

    /// <summary>Keeps the first <paramref name="count"/> entries. Exclusive lock only.</summary>
    public void Truncate(long count)
    {
        if (File.Exists(_path) && GetWriteHandle(FileMode.Open) is { } handle && RandomAccess.GetLength(handle) != count * EntrySize)
        {
            RandomAccess.SetLength(handle, count * EntrySize);
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
        _writer?.Dispose();
        _writer = null;
    }

    private static uint Checksum(ReadOnlySpan<byte> entry) => ~Crc32C.Append(~0u, entry[..ChecksummedSize]);

    // Readers open the file read-only (a store may be inspected where it cannot be written); the writer holds its own handle.
    private SafeFileHandle? GetReadHandle()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        if (_reader is null && File.Exists(_path))
        {
            _reader = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        return _reader;
    }

    private SafeFileHandle GetWriteHandle(FileMode mode) =>
        _writer ??= File.OpenHandle(_path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
}
