using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// An append-only sequence of checksummed records spread over numbered segment files
/// (<c>&lt;name&gt;-000001.seg</c>, …). Each record is <c>[u32 length][u32 crc32c][payload]</c>, little
/// endian, where the CRC-32C covers the length field and the payload, so a damaged length is caught too.
/// </summary>
/// <remarks>
/// <para>
/// A record is appended with one write and made durable with fsync before the append returns. A
/// crash can therefore leave at most one incomplete or unverifiable record, and only at the end of
/// the last segment: the torn tail. <see cref="Refresh"/> with <c>repair</c> (only legal while the
/// caller holds the stream's exclusive lock, so no writer can be mid-write) truncates it, which makes
/// every record whole or absent. Anything <see cref="DamageClassifier"/> does not recognise as a torn
/// tail (a complete record with a bad checksum, damage with a whole record after it, a bad record before
/// a later segment) is reported as <see cref="StorageCorruptedException"/> with its file and offset,
/// and nothing is cut away.
/// </para>
/// <para>Not thread-safe: the owner serialises all calls.</para>
/// </remarks>
internal sealed class SegmentLog : IDisposable
{
    public const int HeaderSize = 8;

    // Larger lengths are treated as garbage, not as a record still being written.
    private const int MaxRecordLength = 1 << 30;

    private readonly string _directory;
    private readonly string _name;
    private readonly long _maxSegmentBytes;
    private readonly Dictionary<int, SafeFileHandle> _readHandles = new();
    private readonly Dictionary<int, string> _paths = new();
    // The segment being appended to: a bare handle (positional writes), no FileStream around it.
    private SafeFileHandle? _writer;
    private int _writerSegment;
    private int _segment = 1;
    private long _end;
    private (DamageKind Kind, string Reason) _damage;

    public SegmentLog(string directory, string name, long maxSegmentBytes)
    {
        _directory = directory;
        _name = name;
        _maxSegmentBytes = maxSegmentBytes;
    }

    /// <summary>
    /// Called for each newly found whole record. Returning false leaves the record (and everything
    /// after it) unconsumed, to be offered again by the next refresh.
    /// </summary>
    public delegate bool RecordVisitor(RecordLocation location, ReadOnlySpan<byte> payload);

    public string Directory => _directory;

    /// <summary>Counts the bytes this log reads, when set.</summary>
    public ReadMeter? Meter { get; init; }

    /// <summary>Where the last refresh without repair stopped at a torn tail (the next writer trims it), if it did.</summary>
    public (string Path, long Offset, string Reason)? TornTail { get; private set; }

    /// <summary>Scans records appended since the last refresh (by this or any other process).</summary>
    /// <param name="repair">Truncate a torn tail. Only while holding the stream's exclusive lock.</param>
    /// <param name="visitor">Receives each new record in order.</param>
    public void Refresh(bool repair, RecordVisitor visitor)
    {
        TornTail = null;
        while (true)
        {
            string path = SegmentPath(_segment);
            // A segment this log already reads is open: its length comes from the handle, no stat of the path first.
            if (!_readHandles.ContainsKey(_segment) && !File.Exists(path))
            {
                return;
            }

            ScanResult result = Scan(_segment, visitor);
            if (result == ScanResult.Stopped)
            {
                return;
            }

            bool hasNext = File.Exists(SegmentPath(_segment + 1));
            if (result == ScanResult.BadRecord && _damage.Kind == DamageKind.TornTail && hasNext && !repair)
            {
                // A reader may have raced a writer that finished the record and rolled over since; look once more.
                result = Scan(_segment, visitor);
            }

            if (result == ScanResult.BadRecord)
            {
                if (_damage.Kind == DamageKind.Corruption || hasNext)
                {
                    string reason = _damage.Kind == DamageKind.Corruption ? _damage.Reason : _damage.Reason + ", yet a later segment exists";
                    throw new StorageCorruptedException(
                        $"Segment '{path}' is damaged at offset {_end}: {reason}. Records before it are intact; nothing was " +
                        "truncated and no write is accepted until it is dealt with (alexandria doctor).",
                        path, _end);
                }

                if (repair)
                {
                    // A torn tail: the append that wrote it was never acknowledged, and nothing whole follows it.
                    TruncateTail(_segment, _end);
                }
                else
                {
                    TornTail = (path, _end, _damage.Reason);
                }

                return;
            }

            if (!hasNext)
            {
                return;
            }

            _segment++;
            _end = 0;
        }
    }

    /// <summary>Appends one record durably. The caller holds the exclusive lock and has refreshed with repair.</summary>
    public RecordLocation Append(ReadOnlySpan<byte> payload)
    {
        CheckLength(payload.Length);
        // Header and payload still go out in one write; the buffer is pooled (it is only the write's staging copy).
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HeaderSize + payload.Length);
        try
        {
            payload.CopyTo(buffer.AsSpan(HeaderSize));
            return AppendFramed(buffer, payload.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Appends the record whose payload the caller already put at <see cref="HeaderSize"/> in <paramref name="framed"/>
    /// (the first <see cref="HeaderSize"/> bytes are the header's room, written here), as <see cref="Append"/> does.
    /// </summary>
    public RecordLocation AppendFramed(byte[] framed, int payloadLength)
    {
        CheckLength(payloadLength);
        if (_end > 0 && _end >= _maxSegmentBytes)
        {
            _segment++;
            _end = 0;
        }

        SafeFileHandle writer = GetWriter();
        int length = HeaderSize + payloadLength;
        long offset = _end;
        try
        {
            BinaryPrimitives.WriteUInt32LittleEndian(framed, (uint)payloadLength);
            BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(4), Checksum(framed.AsSpan(0, 4), framed.AsSpan(HeaderSize, payloadLength)));
            KillPoint(TestKillPoint.FileSystemTorn, writer, offset, framed.AsMemory(0, length));
            RandomAccess.Write(writer, framed.AsSpan(0, length), offset);
            KillPoint(TestKillPoint.FileSystemWritten);
            RandomAccess.FlushToDisk(writer);
            KillPoint(TestKillPoint.FileSystemSynced);
        }
        catch
        {
            // Leave no partial record behind if the file is still writable; otherwise the next repair cuts it.
            try
            {
                RandomAccess.SetLength(writer, offset);
                RandomAccess.FlushToDisk(writer);
            }
            catch (IOException)
            {
            }

            throw;
        }

        _end = offset + length;
        return new RecordLocation(_segment, offset, payloadLength);
    }

    private static void CheckLength(int payloadLength)
    {
        if (payloadLength > MaxRecordLength - HeaderSize)
        {
            throw new ArgumentException($"A record is limited to {MaxRecordLength - HeaderSize} bytes.", "payload");
        }
    }

    /// <summary>
    /// Cuts every record after <paramref name="keepThrough"/> (all records when null). Used only for
    /// records that were never committed; the caller holds the exclusive lock.
    /// </summary>
    public void TruncateAfter(RecordLocation? keepThrough)
    {
        int segment = keepThrough?.Segment ?? 1;
        long end = keepThrough?.End ?? 0;
        for (int later = segment + 1; File.Exists(SegmentPath(later)); later++)
        {
            CloseHandles(later);
            File.Delete(SegmentPath(later));
        }

        if (File.Exists(SegmentPath(segment)))
        {
            TruncateTail(segment, end);
        }

        DurableFile.FsyncDirectory(_directory);
        _segment = segment;
        _end = end;
    }

    /// <summary>Reads one record again, verifying its checksum; the payload is a slice of one new buffer (no second copy).</summary>
    public ReadOnlyMemory<byte> Read(RecordLocation location)
    {
        byte[] buffer = new byte[HeaderSize + location.Length];
        ReadVerified(location, buffer);
        return buffer.AsMemory(HeaderSize);
    }

    /// <summary>
    /// Reads one record into <paramref name="buffer"/> (at least <see cref="HeaderSize"/> + its length), verifying its
    /// checksum, and returns its payload: for readers that look at a record and let it go (replay compares snapshots).
    /// </summary>
    public ReadOnlySpan<byte> Read(RecordLocation location, Span<byte> buffer)
    {
        Span<byte> record = buffer[..(HeaderSize + location.Length)];
        ReadVerified(location, record);
        return record[HeaderSize..];
    }

    private void ReadVerified(RecordLocation location, Span<byte> buffer)
    {
        SafeFileHandle handle = GetReadHandle(location.Segment);
        int read = 0;
        while (read < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[read..], location.Offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        Meter?.Add(read);
        if (read != buffer.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(buffer) != (uint)location.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]) != Checksum(buffer[..4], buffer[HeaderSize..]))
        {
            throw new StorageCorruptedException(
                $"Record at offset {location.Offset} of '{SegmentPath(location.Segment)}' changed after it was written.",
                SegmentPath(location.Segment),
                location.Offset);
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        foreach (SafeFileHandle handle in _readHandles.Values)
        {
            handle.Dispose();
        }

        _readHandles.Clear();
    }

    /// <summary>
    /// Makes the next refresh start after the record ending at <paramref name="end"/> of <paramref name="segment"/>
    /// instead of at the first segment: the owner vouches (from its <see cref="SegmentIndex"/>, checked against that
    /// record) for everything before. Only before the first refresh.
    /// </summary>
    public void StartAt(int segment, long end)
    {
        _segment = segment;
        _end = end;
    }

    /// <summary>Forgets everything scanned; the next refresh starts from the first segment.</summary>
    public void Reset()
    {
        Dispose();
        _segment = 1;
        _end = 0;
    }

    internal string SegmentPath(int segment)
    {
        // Asked for on every refresh (this segment and the next): built once per segment, not per append.
        if (!_paths.TryGetValue(segment, out string? path))
        {
            path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{_name}-{segment:D6}.seg"));
            _paths[segment] = path;
        }

        return path;
    }

    private static uint Checksum(ReadOnlySpan<byte> lengthField, ReadOnlySpan<byte> payload) =>
        ~Crc32C.Append(Crc32C.Append(~0u, lengthField), payload);

    private ScanResult Scan(int segment, RecordVisitor visitor)
    {
        SafeFileHandle handle = GetReadHandle(segment);
        long length = RandomAccess.GetLength(handle);
        if (length < _end)
        {
            throw new StorageCorruptedException($"Segment '{SegmentPath(segment)}' shrank below data already read; it was truncated by hand.");
        }

        if (length == _end)
        {
            return ScanResult.Clean;
        }

        byte[] buffer = new byte[length - _end];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(read), _end + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        Meter?.Add(read);
        ReadOnlySpan<byte> data = buffer.AsSpan(0, read);
        int position = 0;
        while (position < data.Length)
        {
            if (data.Length - position < HeaderSize)
            {
                return Damaged(data[position..]);
            }

            uint recordLength = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
            if (recordLength > MaxRecordLength || recordLength > (uint)(data.Length - position - HeaderSize))
            {
                return Damaged(data[position..]);
            }

            ReadOnlySpan<byte> payload = data.Slice(position + HeaderSize, (int)recordLength);
            if (!IsWholeRecord(data.Slice(position, HeaderSize + (int)recordLength)))
            {
                return Damaged(data[position..]);
            }

            var location = new RecordLocation(segment, _end, (int)recordLength);
            if (!visitor(location, payload))
            {
                return ScanResult.Stopped;
            }

            _end = location.End;
            position += HeaderSize + (int)recordLength;
        }

        return ScanResult.Clean;
    }

    /// <summary>True when <paramref name="record"/> (header + payload) carries the checksum of its bytes.</summary>
    internal static bool IsWholeRecord(ReadOnlySpan<byte> record) =>
        record.Length >= HeaderSize
        && BinaryPrimitives.ReadUInt32LittleEndian(record) == (uint)(record.Length - HeaderSize)
        && BinaryPrimitives.ReadUInt32LittleEndian(record[4..]) == Checksum(record[..4], record[HeaderSize..]);

    private ScanResult Damaged(ReadOnlySpan<byte> rest)
    {
        _damage = DamageClassifier.Classify(rest, _end, MaxRecordLength);
        return ScanResult.BadRecord;
    }

    private void TruncateTail(int segment, long end)
    {
        using var stream = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (stream.Length != end)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }
    }

    private SafeFileHandle GetWriter()
    {
        if (_writer is not null && _writerSegment == _segment)
        {
            return _writer;
        }

        _writer?.Dispose();
        _writer = null;
        string path = SegmentPath(_segment);
        bool created = !File.Exists(path);
        if (created)
        {
            DurableFile.CreateDirectoryDurably(_directory);
        }

        _writer = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        _writerSegment = _segment;
        if (created)
        {
            // The new segment's directory entry must be durable before any record in it is reported as written.
            DurableFile.FsyncDirectory(_directory);
        }

        return _writer;
    }

    /// <summary>A crash test's kill point (<see cref="TestKillPoint"/>): at <c>torn</c>, half the record is written first.</summary>
    private void KillPoint(string phase, SafeFileHandle? writer = null, long offset = 0, ReadOnlyMemory<byte> record = default)
    {
        if (!TestKillPoint.Armed)
        {
            return;
        }

        string name = TestKillPoint.Segment(_name, phase);
        if (writer is not null && TestKillPoint.IsArmedNext(name))
        {
            RandomAccess.Write(writer, record.Span[..(record.Length / 2)], offset);
        }

        TestKillPoint.Reach(name);
    }

    private SafeFileHandle GetReadHandle(int segment)
    {
        if (!_readHandles.TryGetValue(segment, out SafeFileHandle? handle))
        {
            handle = File.OpenHandle(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            _readHandles[segment] = handle;
        }

        return handle;
    }

    private void CloseHandles(int segment)
    {
        if (_readHandles.Remove(segment, out SafeFileHandle? handle))
        {
            handle.Dispose();
        }

        if (_writer is not null && _writerSegment == segment)
        {
            _writer.Dispose();
            _writer = null;
        }
    }

    private enum ScanResult
    {
        Clean,
        BadRecord,
        Stopped,
    }
}
