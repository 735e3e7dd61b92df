using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>
/// The examples a document gives for its named schemas: <c>example</c>/<c>examples</c> on a <c>components.schemas</c>
/// entry, and <c>example</c>/<c>examples.*.value</c> on a media type whose schema is a <c>$ref</c> to one. Each is the
/// definition name and the example as JSON text, read with the generator's own JSON/YAML readers.
/// </summary>
internal static class DocumentExamples
{
    private const string ComponentRef = "#/components/schemas/";

    public static IReadOnlyList<(string Definition, string Json, string Pointer)> Collect(string path, string text)
    {
        var root = path.EndsWith(".json", System.StringComparison.Ordinal)
            ? JsonDocumentParser.Parse(text, out _)
            : YamlDocumentParser.Parse(text, out _);
        var found = new List<(string, string, string)>();
        if (root is JsonObject obj && (obj["components"] as JsonObject)?["schemas"] is JsonObject schemas)
        {
            foreach (var schema in schemas.Properties)
            {
                AddExamples(found, schema.Name, schema.Value as JsonObject, fromMediaType: false);
            }
        }

        Walk(root, found);
        return found;
    }

    private static void Walk(JsonNode node, List<(string, string, string)> found)
    {
        if (node is JsonObject obj)
        {
            if (obj["content"] is JsonObject content)
            {
                foreach (var mediaType in content.Properties)
                {
                    if (mediaType.Value is JsonObject media && (media["schema"] as JsonObject)?.GetString("$ref") is { } reference
                        && reference.StartsWith(ComponentRef, System.StringComparison.Ordinal))
                    {
                        AddExamples(found, System.Uri.UnescapeDataString(reference.Substring(ComponentRef.Length)).Replace("~1", "/").Replace("~0", "~"), media, fromMediaType: true);
                    }
                }
            }

            foreach (var property in obj.Properties)
            {
                Walk(property.Value, found);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.Items)
            {
                Walk(item, found);
            }
        }
    }

    private static void AddExamples(List<(string, string, string)> found, string definition, JsonObject? holder, bool fromMediaType)
    {
        if (holder is null || definition.Contains('/'))
        {
            return;
        }

        if (holder["example"] is { } example)
        {
            found.Add((definition, ToJson(example), example.Pointer));
        }

        switch (holder["examples"])
        {
            case JsonArray list when !fromMediaType:
                found.AddRange(list.Items.Select(item => (definition, ToJson(item), item.Pointer)));
                break;
            case JsonObject named when fromMediaType:
                foreach (var entry in named.Properties)
                {
                    if ((entry.Value as JsonObject)?["value"] is { } value)
                    {
                        found.Add((definition, ToJson(value), value.Pointer));
                    }
                }

                break;
        }
    }

    private static string ToJson(JsonNode node) => JsonText.Write(node);
}
