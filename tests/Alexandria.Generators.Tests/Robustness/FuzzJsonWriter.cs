using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// Writes a mutated document as contract text: indented (so diagnostics have lines and columns to be at), members
/// marked by <see cref="SchemaMutator.DuplicateMarker"/> written as a second member of the same name, numbers exactly
/// as parsed (<c>1e400</c> stays <c>1e400</c>), and non-ASCII text either raw (U+2028 in a JSON string is legal) or
/// escaped, as the case's seed chooses.
/// </summary>
public static class FuzzJsonWriter
{
    public static string Write(JsonNode? node, bool escapeNonAscii)
    {
        var builder = new StringBuilder();
        Write(node, builder, 0, escapeNonAscii);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder b, int indent, bool escape)
    {
        switch (node)
        {
            case null:
                b.Append("null");
                break;
            case JsonObject obj:
                b.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    b.Append(first ? "\n" : ",\n").Append(' ', (indent + 1) * 2);
                    first = false;
                    WriteString(name.StartsWith(SchemaMutator.DuplicateMarker, System.StringComparison.Ordinal) ? name[SchemaMutator.DuplicateMarker.Length..] : name, b, escape);
                    b.Append(": ");
                    Write(value, b, indent + 1, escape);
                }

                b.Append(first ? "}" : "\n" + new string(' ', indent * 2) + "}");
                break;
            case JsonArray array:
                b.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    b.Append(i == 0 ? "" : ", ");
                    Write(array[i], b, indent + 1, escape);
                }

                b.Append(']');
                break;
            default:
                if (node.GetValueKind() == System.Text.Json.JsonValueKind.String)
                {
                    WriteString(node.GetValue<string>(), b, escape);
                }
                else
                {
                    b.Append(node.ToJsonString());
                }

                break;
        }
    }

    private static void WriteString(string value, StringBuilder b, bool escape)
    {
        b.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < 0x20 || (escape && c > 0x7E) || char.IsSurrogate(c))
                    {
                        b.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append('"');
    }
}
