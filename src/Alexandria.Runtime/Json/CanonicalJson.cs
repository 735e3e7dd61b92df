using System;
using System.Buffers;
using System.Globalization;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Alexandria.Runtime.Json;

/// <summary>
/// A canonical JSON form in the spirit of RFC 8785: no insignificant whitespace, object members
/// sorted by ordinal key, numbers in their shortest round-trip form. Two argument objects that mean
/// the same thing get the same bytes, so their hash is a stable loop-detection key.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            Write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Per-thread scratch for hashing: the canonical bytes are hashed where they are written, never copied out.
    // Safe because writing is synchronous and not reentrant.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Lowercase hex SHA-256 of the UTF-8 <paramref name="prefix"/> followed by the canonical bytes of
    /// <paramref name="value"/>: the same as hashing <c>prefix + Serialize(value)</c>, without allocating either.
    /// </summary>
    internal static string Sha256Hex(string prefix, JsonElement value)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var prefixLength = Encoding.UTF8.GetByteCount(prefix);
        Encoding.UTF8.GetBytes(prefix, buffer.GetSpan(prefixLength));
        buffer.Advance(prefixLength);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false });
        writer.Reset(buffer);
        Write(writer, value);
        writer.Flush();
        return Guardrails.CallHash.Sha256Hex(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                WriteMembersSorted(writer, value);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>Members by ordinal name; members with equal names keep their order (a stable sort, as before).</summary>
    private static void WriteMembersSorted(Utf8JsonWriter writer, JsonElement value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        var members = ArrayPool<(string Name, int Index, JsonElement Value)>.Shared.Rent(count);
        try
        {
            var i = 0;
            foreach (var property in value.EnumerateObject())
            {
                members[i] = (property.Name, i, property.Value);
                i++;
            }

            Array.Sort(members, 0, count, MemberOrder.Instance);
            for (i = 0; i < count; i++)
            {
                writer.WritePropertyName(members[i].Name);
                Write(writer, members[i].Value);
            }
        }
        finally
        {
            ArrayPool<(string Name, int Index, JsonElement Value)>.Shared.Return(members, clearArray: true);
        }
    }

    private sealed class MemberOrder : IComparer<(string Name, int Index, JsonElement Value)>
    {
        public static readonly MemberOrder Instance = new();

        public int Compare((string Name, int Index, JsonElement Value) x, (string Name, int Index, JsonElement Value) y)
        {
            var byName = string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : x.Index.CompareTo(y.Index);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonElement value)
    {
        // Integers keep their digits (1.0 and 1 are the same number, so both become 1); everything
        // else is written in the shortest form that round-trips.
        if (value.TryGetInt64(out var integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }

        var number = value.GetDouble();
        if (Math.Floor(number) == number && Math.Abs(number) < 9.007199254740992E15)
        {
            writer.WriteNumberValue((long)number);
            return;
        }

        writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
