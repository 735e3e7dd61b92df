using System.Collections.Generic;
using System.Globalization;

namespace Alexandria.Generators.Json
{
    /// <summary>
    /// Copies a located value to another place in a tree: every node keeps its source span (where a problem in
    /// it is written) and gets its pointer at the new place. YAML aliases and the OpenAPI schema view use it.
    /// </summary>
    internal static class JsonNodeCopy
    {
        public static JsonNode At(JsonNode node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    var properties = new List<JsonProperty>(obj.Properties.Count);
                    foreach (var p in obj.Properties)
                    {
                        properties.Add(new JsonProperty(p.Name, p.NameStart, p.NameLength, At(p.Value, pointer + "/" + JsonDocumentParser.EscapePointerToken(p.Name))));
                    }

                    return new JsonObject(obj.Start, obj.Length, properties) { Pointer = pointer };
                case JsonArray array:
                    var items = new List<JsonNode>(array.Items.Count);
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        items.Add(At(array.Items[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture)));
                    }

                    return new JsonArray(array.Start, array.Length, items) { Pointer = pointer };
                case JsonString s:
                    return new JsonString(s.Start, s.Length, s.Value) { Pointer = pointer };
                case JsonNumber n:
                    return new JsonNumber(n.Start, n.Length, n.Text) { Pointer = pointer };
                default:
                    return new JsonLiteral(node.Kind, node.Start, node.Length) { Pointer = pointer };
            }
        }
    }
}
