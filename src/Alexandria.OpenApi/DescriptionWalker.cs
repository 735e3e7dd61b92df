using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi;

/// <summary>One reference found in a document: <c>Holder[Member]</c> is the string <see cref="Value"/> at <see cref="Pointer"/>.</summary>
/// <param name="Holder">The object holding the reference (a schema or reference object, or a discriminator's mapping).</param>
/// <param name="Member">The member holding it: <c>$ref</c>, or a discriminator mapping key.</param>
/// <param name="Pointer">The JSON pointer of the reference string in its document.</param>
/// <param name="Value">The reference.</param>
public sealed record FoundReference(JsonObject Holder, string Member, string Pointer, string Value);

/// <summary>
/// Walks an OpenAPI or JSON Schema document the way its keywords mean it. An object is either keyed by
/// keywords (a schema, an operation, a media type) or by names (<c>properties</c>, <c>paths</c>, <c>content</c>,
/// <c>$defs</c>): a property called <c>enum</c> is a schema like any other. Values that are data, not
/// description (<c>const</c>, <c>enum</c>, <c>default</c>, <c>example(s)</c>, an example's <c>value</c>,
/// <c>x-</c> extensions), are not looked into: a <c>"$ref"</c> member there is part of the data.
/// </summary>
public static class DescriptionWalker
{
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "example", "value" };

    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
        "paths", "webhooks", "schemas", "responses", "parameters", "requestBodies", "headers",
        "securitySchemes", "links", "callbacks", "pathItems", "content", "encoding", "examples", "variables", "mapping",
    };

    /// <summary>Every object keyed by keywords below <paramref name="node"/> (itself included), in document order, with its pointer.</summary>
    public static IReadOnlyList<(JsonObject Node, string Pointer)> KeywordObjects(JsonNode? node, string pointer = "")
    {
        var found = new List<(JsonObject, string)>();
        Walk(node, pointer, keyedByName: false, found);
        return found;
    }

    /// <summary>
    /// Every reference below <paramref name="node"/>, in document order: <c>$ref</c> strings, and the values of a
    /// <c>discriminator.mapping</c> that are references (they hold a <c>#</c> or a <c>/</c>) rather than component names.
    /// </summary>
    public static IReadOnlyList<FoundReference> References(JsonNode? node, string pointer = "")
    {
        var found = new List<FoundReference>();
        foreach (var (obj, at) in KeywordObjects(node, pointer))
        {
            if (Text(obj, "$ref") is { } reference)
            {
                found.Add(new FoundReference(obj, "$ref", at + "/$ref", reference));
            }
            if (obj["mapping"] is JsonObject mapping && obj.ContainsKey("propertyName"))
            {
                foreach (var (key, _) in mapping)
                {
                    if (Text(mapping, key) is { } target && (target.Contains('#', StringComparison.Ordinal) || target.Contains('/', StringComparison.Ordinal)))
                    {
                        found.Add(new FoundReference(mapping, key, at + "/mapping/" + JsonPointer.Escape(key), target));
                    }
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Every <c>$id</c> below <paramref name="node"/> (its own excepted): an embedded schema resource, whose
    /// relative references resolve against that id instead of the file.
    /// </summary>
    public static IReadOnlyList<FoundReference> EmbeddedIds(JsonNode? node, string pointer = "")
        => KeywordObjects(node, pointer)
            .Where(o => o.Node != node && Text(o.Node, "$id") is not null)
            .Select(o => new FoundReference(o.Node, "$id", o.Pointer + "/$id", Text(o.Node, "$id")!))
            .ToArray();

    private static string? Text(JsonObject obj, string member)
        => obj[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void Walk(JsonNode? node, string pointer, bool keyedByName, List<(JsonObject, string)> found)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keyedByName: false, found);
                }
                break;
            case JsonObject obj when keyedByName:
                foreach (var (name, value) in obj)
                {
                    Walk(value, pointer + "/" + JsonPointer.Escape(name), keyedByName: false, found);
                }
                break;
            case JsonObject obj:
                found.Add((obj, pointer));
                foreach (var (name, value) in obj)
                {
                    if (DataKeywords.Contains(name) || name.StartsWith("x-", StringComparison.Ordinal) || (name == "examples" && value is JsonArray))
                    {
                        continue;
                    }
                    Walk(value, pointer + "/" + JsonPointer.Escape(name), keyedByName: NameMaps.Contains(name), found);
                }
                break;
        }
    }
}
