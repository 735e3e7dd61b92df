using System;
using System.Buffers;
using System.Globalization;
using System.Linq;
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

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

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
