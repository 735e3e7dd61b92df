using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Binary form of one appended batch, the unit of atomicity on disk: a torn batch is dropped whole.
/// <c>[u8 format=1][i64 firstSeq][i32 count]</c> then per event
/// <c>[i64 stepId][i64 occurredAt UTC ticks][u8 counted][u16 kind length][kind][i32 json length][json]</c>.
/// </summary>
internal static class EventBatchRecord
{
    private const byte Format = 1;
    private const int HeaderLength = 1 + 8 + 4;
    private const int MaxKnownKinds = 64;

    private static string[] s_kinds = [];

    public static byte[] Encode(long firstSeq, IReadOnlyList<EventToAppend> events)
    {
        byte[] buffer = new byte[Size(events)];
        Write(firstSeq, events, buffer);
        return buffer;
    }

    /// <summary>
    /// Encodes into a buffer from <see cref="ArrayPool{T}.Shared"/> (the caller returns it) after <paramref name="headroom"/>
    /// free bytes, where the segment log puts its record header: the batch is then written from where it was encoded,
    /// without a copy of its own. Returns the record's length.
    /// </summary>
    public static int EncodePooled(long firstSeq, IReadOnlyList<EventToAppend> events, int headroom, out byte[] buffer)
    {
        int size = Size(events);
        buffer = ArrayPool<byte>.Shared.Rent(headroom + size);
        Write(firstSeq, events, buffer.AsSpan(headroom, size));
        return size;
    }

    private static int Size(IReadOnlyList<EventToAppend> events)
    {
        int size = HeaderLength;
        for (int i = 0; i < events.Count; i++)
        {
            EventToAppend e = events[i];
            size += 8 + 8 + 1 + 2 + Encoding.UTF8.GetByteCount(e.Kind) + 4 + e.Json.Length;
        }

        return size;
    }

    private static void Write(long firstSeq, IReadOnlyList<EventToAppend> events, Span<byte> span)
    {
        span[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], firstSeq);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], events.Count);
        int position = HeaderLength;
        for (int i = 0; i < events.Count; i++)
        {
            // An indexed loop: foreach over the interface would box an enumerator per batch.
            EventToAppend e = events[i];
            BinaryPrimitives.WriteInt64LittleEndian(span[position..], e.StepId);
            BinaryPrimitives.WriteInt64LittleEndian(span[(position + 8)..], StorageTime.Normalize(e.OccurredAt).UtcTicks);
            span[position + 16] = e.Counted ? (byte)1 : (byte)0;
            int kindLength = Encoding.UTF8.GetBytes(e.Kind, span[(position + 19)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 17)..], (ushort)kindLength);
            position += 19 + kindLength;
            BinaryPrimitives.WriteInt32LittleEndian(span[position..], e.Json.Length);
            e.Json.Span.CopyTo(span[(position + 4)..]);
            position += 4 + e.Json.Length;
        }
    }

    public static (long FirstSeq, int Count) ReadHeader(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderLength || record[0] != Format)
        {
            throw new StorageCorruptedException("An event batch record has an unknown format.");
        }

        long firstSeq = BinaryPrimitives.ReadInt64LittleEndian(record[1..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(record[9..]);
        if (firstSeq < 1 || count < 1)
        {
            throw new StorageCorruptedException($"An event batch record claims seq {firstSeq} and {count} events.");
        }

        return (firstSeq, count);
    }

    /// <summary>Decodes the events of a batch from <paramref name="fromSeq"/> on, adding at most <paramref name="maxCount"/>.</summary>
    /// <remarks>Each event's JSON is a slice of <paramref name="batch"/>, not a copy: the record buffer is the events' own.</remarks>
    public static void Decode(string runId, ReadOnlyMemory<byte> batch, long fromSeq, int maxCount, List<StoredEvent> into)
    {
        ReadOnlySpan<byte> record = batch.Span;
        (long firstSeq, int count) = ReadHeader(record);
        int position = HeaderLength;
        try
        {
            for (int i = 0; i < count && maxCount > 0; i++)
            {
                Entry entry = Next(record, ref position);
                long seq = firstSeq + i;
                if (seq >= fromSeq)
                {
                    string kind = KindName(record.Slice(entry.KindStart, entry.KindLength));
                    into.Add(new StoredEvent(runId, seq, entry.StepId, kind, entry.Counted, StorageTime.FromUtcTicks(entry.Ticks), batch.Slice(entry.JsonStart, entry.JsonLength)));
                    maxCount--;
                }
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new StorageCorruptedException($"The event batch record starting at seq {firstSeq} of run '{runId}' is malformed.", ex);
        }
    }

    /// <summary>
    /// Hands the JSON of each event of a batch from <paramref name="fromSeq"/> on (at most <paramref name="maxCount"/>) to
    /// <paramref name="parse"/> where it lies in <paramref name="record"/>, which may be a pooled buffer: nothing is copied out.
    /// </summary>
    public static void Parse<T>(string runId, ReadOnlySpan<byte> record, long fromSeq, int maxCount, EventJsonParser<T> parse, List<T> into)
    {
        (long firstSeq, int count) = ReadHeader(record);
        int position = HeaderLength;
        try
        {
            for (int i = 0; i < count && maxCount > 0; i++)
            {
                Entry entry = Next(record, ref position);
                if (firstSeq + i >= fromSeq)
                {
                    into.Add(parse(record.Slice(entry.JsonStart, entry.JsonLength)));
                    maxCount--;
                }
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new StorageCorruptedException($"The event batch record starting at seq {firstSeq} of run '{runId}' is malformed.", ex);
        }
    }

    /// <summary>Reads the event at <paramref name="position"/> and moves past it.</summary>
    private static Entry Next(ReadOnlySpan<byte> record, ref int position)
    {
        long stepId = BinaryPrimitives.ReadInt64LittleEndian(record[position..]);
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(record[(position + 8)..]);
        bool counted = record[position + 16] != 0;
        int kindLength = BinaryPrimitives.ReadUInt16LittleEndian(record[(position + 17)..]);
        int kindStart = position + 19;
        position = kindStart + kindLength;
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(record[position..]);
        int jsonStart = position + 4;
        _ = record.Slice(jsonStart, jsonLength);
        position = jsonStart + jsonLength;
        return new Entry(stepId, ticks, counted, kindStart, kindLength, jsonStart, jsonLength);
    }

    /// <summary>The kind as a string, shared between events: a run has a handful of kinds and many events.</summary>
    private static string KindName(ReadOnlySpan<byte> utf8)
    {
        string[] known = s_kinds;
        foreach (string kind in known)
        {
            if (kind.Length == utf8.Length && Ascii.Equals(utf8, kind))
            {
                return kind;
            }
        }

        string decoded = Encoding.UTF8.GetString(utf8);
        if (known.Length < MaxKnownKinds)
        {
            // A lost race only means one more lookup miss later.
            s_kinds = [.. known, decoded];
        }

        return decoded;
    }

    private readonly record struct Entry(long StepId, long Ticks, bool Counted, int KindStart, int KindLength, int JsonStart, int JsonLength);
}
