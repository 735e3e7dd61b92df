using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Alexandria.Runtime.Json;

/// <summary>
/// <see cref="CanonicalJson"/> read straight from a document's UTF-8 bytes with a <see cref="Utf8JsonReader"/>: the agent
/// loop already holds every event's bytes (the append serialized them), so the planner's canonical text is made from
/// those instead of serializing the event a second time into a <see cref="JsonDocument"/>. The output is byte for byte
/// what <see cref="CanonicalJson"/> writes for the parsed document: members sorted the same way (raw UTF-8 order when
/// every name is plain ASCII, else ordinal order of the unescaped names; ties in document order), strings unescaped and
/// written again by the same writer, numbers read and written by the same rules.
/// </summary>
internal static class CanonicalBytes
{
    /// <summary>
    /// The canonical bytes of <paramref name="utf8"/> in this thread's scratch buffer, valid until its next use; when
    /// <paramref name="skipRootMember"/>, without the root object's member named <paramref name="rootMember"/>.
    /// </summary>
    public static ReadOnlySpan<byte> Written(ReadOnlyMemory<byte> utf8, ReadOnlySpan<byte> rootMember, bool skipRootMember)
    {
        var (buffer, writer) = CanonicalJson.Scratch();
        try
        {
            var reader = new Utf8JsonReader(utf8.Span);
            if (!reader.Read())
            {
                throw new JsonException("The document is empty.");
            }

            if (skipRootMember && reader.TokenType == JsonTokenType.StartObject)
            {
                WriteObject(writer, ref reader, utf8, rootMember, skip: true);
            }
            else
            {
                WriteValue(writer, ref reader, utf8);
            }

            if (reader.Read())
            {
                throw new JsonException("The document holds more than one value.");
            }

            writer.Flush();
        }
        catch
        {
            CanonicalJson.Discard();
            throw;
        }

        return CanonicalJson.Release(buffer);
    }

    /// <summary>Writes the value whose first token <paramref name="reader"/> (over <paramref name="document"/>) is on, and leaves it on the value's last token.</summary>
    private static void WriteValue(Utf8JsonWriter writer, ref Utf8JsonReader reader, ReadOnlyMemory<byte> document)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(writer, ref reader, document, default, skip: false);
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    WriteValue(writer, ref reader, document);
                }

                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                WriteString(writer, ref reader);
                break;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    writer.WriteNumberValue(integer);
                }
                else
                {
                    CanonicalJson.WriteNumber(writer, reader.GetDouble());
                }

                break;
            case JsonTokenType.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonTokenType.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonTokenType.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new JsonException($"Unexpected {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }
    }

    /// <summary>As <see cref="JsonElement.WriteTo"/> writes a string: unescaped, then escaped again by the writer.</summary>
    private static void WriteString(Utf8JsonWriter writer, ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.ValueSpan);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(rented);
            writer.WriteStringValue(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads the object's members (names and where each value lies), then writes them sorted, each value read again from
    /// its own bytes. The reader ends on the object's <see cref="JsonTokenType.EndObject"/>.
    /// </summary>
    private static void WriteObject(Utf8JsonWriter writer, ref Utf8JsonReader reader, ReadOnlyMemory<byte> document, ReadOnlySpan<byte> skipName, bool skip)
    {
        var members = ArrayPool<Member>.Shared.Rent(16);
        var count = 0;
        var ascii = true;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var nameStart = checked((int)reader.TokenStartIndex + 1);
                var raw = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                var skipped = skip && reader.ValueTextEquals(skipName);
                // A name without escapes and all ASCII is its own UTF-8, and byte order is then UTF-16 ordinal order.
                var plain = !escaped && Ascii.IsValid(raw);
                var name = plain ? null : reader.GetString();
                reader.Read();
                var valueStart = checked((int)reader.TokenStartIndex);
                reader.Skip();
                var valueEnd = checked((int)reader.BytesConsumed);
                if (skipped)
                {
                    continue;
                }

                ascii &= plain;
                if (count == members.Length)
                {
                    var larger = ArrayPool<Member>.Shared.Rent(count * 2);
                    members.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<Member>.Shared.Return(members, clearArray: true);
                    members = larger;
                }

                members[count] = new Member(nameStart, raw.Length, name, valueStart, valueEnd, count);
                count++;
            }

            var sorted = members.AsSpan(0, count);
            if (ascii)
            {
                Sort(sorted, new ByRawName(document));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    // A plain name is its own unescaped text.
                    sorted[i] = sorted[i] with { Name = sorted[i].Name ?? Encoding.UTF8.GetString(document.Span.Slice(sorted[i].NameStart, sorted[i].NameLength)) };
                }

                Sort(sorted, ByName.Instance);
            }

            writer.WriteStartObject();
            foreach (var member in sorted)
            {
                if (ascii)
                {
                    writer.WritePropertyName(document.Span.Slice(member.NameStart, member.NameLength));
                }
                else
                {
                    writer.WritePropertyName(member.Name!);
                }

                var value = document.Slice(member.ValueStart, member.ValueEnd - member.ValueStart);
                var inner = new Utf8JsonReader(value.Span);
                inner.Read();
                WriteValue(writer, ref inner, value);
            }

            writer.WriteEndObject();
        }
        finally
        {
            // The names point at strings of this document: do not keep them alive from the pool.
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
        }
    }

    /// <summary>
    /// Sorts <paramref name="members"/> by <paramref name="order"/>, a total order (ties broken by place), so any algorithm
    /// gives the same sequence. An object's few members are sorted in place by insertion: <c>Span.Sort</c> with a comparer
    /// boxes it and makes a delegate each time, and this runs for every object of every event the planner is shown.
    /// </summary>
    private static void Sort<TOrder>(Span<Member> members, TOrder order)
        where TOrder : IComparer<Member>
    {
        if (members.Length > 32)
        {
            members.Sort(order);
            return;
        }

        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var j = i - 1;
            while (j >= 0 && order.Compare(members[j], member) > 0)
            {
                members[j + 1] = members[j];
                j--;
            }

            members[j + 1] = member;
        }
    }

    /// <summary>One member: where its raw name and its value lie in the document, its unescaped name when not plain ASCII, and its place.</summary>
    private readonly record struct Member(int NameStart, int NameLength, string? Name, int ValueStart, int ValueEnd, int Index);

    private readonly struct ByRawName(ReadOnlyMemory<byte> document) : IComparer<Member>
    {
        public int Compare(Member a, Member b)
        {
            var span = document.Span;
            var byName = span.Slice(a.NameStart, a.NameLength).SequenceCompareTo(span.Slice(b.NameStart, b.NameLength));
            return byName != 0 ? byName : a.Index.CompareTo(b.Index);
        }
    }

    private sealed class ByName : IComparer<Member>
    {
        public static readonly ByName Instance = new();

        public int Compare(Member a, Member b)
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Index.CompareTo(b.Index);
        }
    }
}
