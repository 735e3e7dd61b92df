using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Alexandria.Runtime.Json;

/// <summary>
/// A canonical JSON form in the spirit of RFC 8785: no insignificant whitespace, object members
/// sorted by ordinal key, numbers in their shortest round-trip form. Two argument objects that mean
/// the same thing get the same bytes, so their hash is a stable loop-detection key.
/// </summary>
/// <remarks>
/// Hot on the agent loop (every event the planner sees, every observation fingerprint, every call hash), so it writes
/// into a per-thread buffer and sorts members in a pooled array; the bytes are the same as a plain sort by
/// <see cref="string.CompareOrdinal(string, string)"/> with ties (duplicate names) kept in document order.
/// </remarks>
public static class CanonicalJson
{
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _scratch;

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] Serialize(JsonElement value) => Written(value).ToArray();

    /// <summary>The canonical JSON of <paramref name="value"/> as text.</summary>
    public static string ToText(JsonElement value) => Encoding.UTF8.GetString(Written(value));

    /// <summary>
    /// The canonical JSON of the document <paramref name="utf8"/> as text, read straight from its bytes: the same text as
    /// <see cref="ToText(JsonElement)"/> of the parsed document, without building one (no <see cref="JsonDocument"/>, no copy).
    /// </summary>
    /// <exception cref="JsonException"><paramref name="utf8"/> is not one JSON value.</exception>
    public static string ToText(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(CanonicalBytes.Written(utf8, default, skipRootMember: false));

    /// <summary>
    /// As <see cref="ToText(ReadOnlyMemory{byte})"/>, leaving out the root object's member named <paramref name="rootMember"/>
    /// (UTF-8, unescaped): the text of the same document without that member.
    /// </summary>
    public static string ToTextWithout(ReadOnlyMemory<byte> utf8, ReadOnlySpan<byte> rootMember)
        => Encoding.UTF8.GetString(CanonicalBytes.Written(utf8, rootMember, skipRootMember: true));

    /// <summary>Lowercase hex SHA-256 of <paramref name="prefix"/> (UTF-8) followed by the canonical bytes of <paramref name="value"/>.</summary>
    public static string Sha256Hex(string prefix, JsonElement value)
    {
        var canonical = Written(value);
        var length = Encoding.UTF8.GetByteCount(prefix) + canonical.Length;
        var input = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix, input);
            canonical.CopyTo(input.AsSpan(written));
            return Guardrails.CallHash.Sha256Hex(input.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>The canonical bytes of <paramref name="value"/> in this thread's scratch buffer, valid until the next call.</summary>
    private static ReadOnlySpan<byte> Written(JsonElement value)
    {
        var (buffer, writer) = Scratch();
        try
        {
            Write(writer, value);
            writer.Flush();
        }
        catch
        {
            // A writer left mid-document must not serve the next call.
            Discard();
            throw;
        }

        // Do not pin a huge buffer to the thread after a one-off large document.
        return Release(buffer);
    }

    /// <summary>This thread's scratch buffer and writer, reset; <see cref="Release"/> after reading what was written.</summary>
    internal static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Scratch()
    {
        var (buffer, writer) = _scratch ??= NewScratch();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        return (buffer, writer);
    }

    /// <summary>Drops the scratch after a failed write (a writer left mid-document must not serve the next call).</summary>
    internal static void Discard() => _scratch = null;

    /// <summary>The bytes written into the scratch; a one-off large document is copied out and its buffer not kept.</summary>
    internal static ReadOnlySpan<byte> Release(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > 1 << 20)
        {
            var bytes = buffer.WrittenSpan.ToArray();
            _scratch = null;
            return bytes;
        }

        return buffer.WrittenSpan;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewScratch()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, value);
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

    private static void WriteObject(Utf8JsonWriter writer, JsonElement value)
    {
        var count = value.GetPropertyCount();
        var members = ArrayPool<Member>.Shared.Rent(count);
        try
        {
            var n = 0;
            var ascii = true;
            foreach (var property in value.EnumerateObject())
            {
                var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                // A name without escapes and all ASCII is its own UTF-8, and byte order is then UTF-16 ordinal order.
                ascii &= Ascii.IsValid(raw) && raw.IndexOf((byte)'\\') < 0;
                members[n] = new Member(property, n);
                n++;
            }

            var sorted = members.AsSpan(0, n);
            if (ascii)
            {
                sorted.Sort(static (a, b) =>
                {
                    var byName = JsonMarshal.GetRawUtf8PropertyName(a.Property).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b.Property));
                    return byName != 0 ? byName : a.Index.CompareTo(b.Index);
                });
            }
            else
            {
                sorted.Sort(static (a, b) =>
                {
                    var byName = string.CompareOrdinal(a.Property.Name, b.Property.Name);
                    return byName != 0 ? byName : a.Index.CompareTo(b.Index);
                });
            }

            writer.WriteStartObject();
            foreach (var member in sorted)
            {
                if (ascii)
                {
                    writer.WritePropertyName(JsonMarshal.GetRawUtf8PropertyName(member.Property));
                }
                else
                {
                    writer.WritePropertyName(member.Property.Name);
                }

                Write(writer, member.Property.Value);
            }

            writer.WriteEndObject();
        }
        finally
        {
            // The members point into their document: do not keep it alive from the pool.
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.TryGetInt64(out var integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }

        WriteNumber(writer, value.GetDouble());
    }

    /// <summary>
    /// Integers keep their digits (1.0 and 1 are the same number, so both become 1; the caller writes those that fit a
    /// long); everything else is written in the shortest form that round-trips.
    /// </summary>
    internal static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        if (Math.Floor(number) == number && Math.Abs(number) < 9.007199254740992E15)
        {
            writer.WriteNumberValue((long)number);
            return;
        }

        writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    private readonly record struct Member(JsonProperty Property, int Index);
}
