using System.Globalization;
using System.Text;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>Writes a located JSON node back as compact JSON text, for constants the generated code embeds.</summary>
    internal static class JsonText
    {
        public static string Write(JsonNode node)
        {
            var builder = new StringBuilder();
            Write(node, builder);
            return builder.ToString();
        }

        private static void Write(JsonNode node, StringBuilder builder)
        {
            switch (node)
            {
                case JsonObject obj:
                    builder.Append('{');
                    for (var i = 0; i < obj.Properties.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        WriteString(obj.Properties[i].Name, builder);
                        builder.Append(':');
                        Write(obj.Properties[i].Value, builder);
                    }

                    builder.Append('}');
                    break;
                case JsonArray array:
                    builder.Append('[');
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        Write(array.Items[i], builder);
                    }

                    builder.Append(']');
                    break;
                case JsonString s:
                    WriteString(s.Value, builder);
                    break;
                case JsonNumber n:
                    builder.Append(n.Text);
                    break;
                default:
                    builder.Append(node.Kind == JsonNodeKind.True ? "true" : node.Kind == JsonNodeKind.False ? "false" : "null");
                    break;
            }
        }

        public static void WriteString(string value, StringBuilder builder)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }
    }
}
