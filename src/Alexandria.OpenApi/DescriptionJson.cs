using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi;

/// <summary>How generated description documents are written: two-space indent, <c>\n</c> line ends, a final newline, members in order.</summary>
public static class DescriptionJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Descriptions are read by people too: keep '<', '>', '\'' and non-ASCII text as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The UTF-8 bytes of <paramref name="node"/>: the same node gives the same bytes on every platform.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            node.WriteTo(writer);
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
