using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Storage;

/// <summary>
/// Packet files: indented JSON written through the generated converter, read only through the generated
/// validator, so a hand-edited file that breaks the contract is refused with the pointer of what broke.
/// </summary>
public static class PacketJson
{
    /// <summary>The packet as the indented UTF-8 text stored on disk (a human may read and edit it).</summary>
    public static byte[] ToFileBytes(Packet packet) => Indent(packet.ToUtf8Json());

    public static byte[] Indent(byte[] compact)
    {
        using var document = JsonDocument.Parse(compact);
        var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }

    /// <summary>
    /// The packet in <paramref name="bytes"/>, or the problems that keep it from being one. Input that is not a
    /// packet at all (plain text, a prompt, JSON without <c>packet_type</c>) is refused as such: context is only
    /// ever requested and given through packets.
    /// </summary>
    public static Packet? Read(byte[] bytes, string displayPath, out IReadOnlyList<PacketProblem> problems)
    {
        var notPacket = NotAPacket(bytes);
        if (notPacket is not null)
        {
            problems = [new PacketProblem(displayPath, "", notPacket)];
            return null;
        }

        if (Packet.TryParse(bytes, out var packet, out var result))
        {
            problems = [];
            return packet;
        }

        problems = result.Errors.Select(e => new PacketProblem(displayPath, e.InstancePointer, e.Message + " [" + e.Keyword + "]")).ToList();
        return null;
    }

    /// <summary>Null for a JSON object with a packet_type; otherwise why the input is not a packet.</summary>
    private static string? NotAPacket(byte[] bytes)
    {
        const string Rule = "not a handoff packet: a context request or any other message must be a typed packet (one of {0}), "
            + "not free text or an ad-hoc prompt; write one with 'alexandria handoff packet'";
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var isPacket = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("packet_type", out _);
            return isPacket ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, Rule, string.Join(", ", Packet.PacketTypeValues));
        }
        catch (JsonException e) when (bytes.Length > 0 && (bytes[0] == (byte)'{' || bytes[0] == (byte)'['))
        {
            return "not valid JSON at line " + (e.LineNumber + 1) + ", byte " + (e.BytePositionInLine + 1) + ": " + e.Message;
        }
        catch (JsonException)
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, Rule, string.Join(", ", Packet.PacketTypeValues));
        }
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The UTC instant as the packets write it.</summary>
    public static DateTimeOffset Utc(DateTimeOffset now) => now.ToUniversalTime();
}
