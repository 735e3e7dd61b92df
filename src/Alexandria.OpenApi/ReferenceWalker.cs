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
/// Finds every reference in an OpenAPI or JSON Schema document: <c>$ref</c> strings, and the values of a
/// <c>discriminator.mapping</c> that are references rather than component names. Values that are data, not
/// schema (<c>const</c>, <c>enum</c>, <c>default</c>, <c>example(s)</c>, an example's <c>value</c>,
/// <c>x-</c> extensions), are not looked into: a <c>"$ref"</c> member there is part of the data.
/// </summary>
public static class ReferenceWalker
{
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "example", "value" };

    // Members whose object value is keyed by names (properties, paths, media types), not by keywords: a property
    // called "enum" is a schema like any other.
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
        "paths", "webhooks", "schemas", "responses", "parameters", "requestBodies", "headers",
        "securitySchemes", "links", "callbacks", "pathItems", "content", "encoding", "examples", "variables",
    };

    /// <summary>Every reference below <paramref name="node"/>, in document order; <paramref name="pointer"/> is the node's own pointer.</summary>
    public static IReadOnlyList<FoundReference> References(JsonNode? node, string pointer = "")
    {
        var found = new List<FoundReference>();
        Walk(node, pointer, keyedByName: false, found);
        return found.Where(f => f.Member != "$id").ToArray();
    }

    /// <summary>
    /// Every <c>$id</c> below <paramref name="node"/> (its own excepted): an embedded schema resource, whose
    /// relative references resolve against that id instead of the file.
    /// </summary>
    public static IReadOnlyList<FoundReference> EmbeddedIds(JsonNode? node, string pointer = "")
    {
        var found = new List<FoundReference>();
        Walk(node, pointer, keyedByName: false, found);
        return found.Where(f => f.Member == "$id" && f.Holder != node).ToArray();
    }

    private static void Walk(JsonNode? node, string pointer, bool keyedByName, List<FoundReference> found)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keyedByName: false, found);
                }
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = pointer + "/" + JsonPointer.Escape(name);
                    if (keyedByName)
                    {
                        Walk(value, at, keyedByName: false, found);
                    }
                    else if (name is "$ref" or "$id" && value is JsonValue reference && reference.TryGetValue<string>(out var text))
                    {
                        found.Add(new FoundReference(obj, name, at, text));
                    }
                    else if (name == "mapping" && value is JsonObject mapping)
                    {
                        Mapping(mapping, at, found);
                    }
                    else if (DataKeywords.Contains(name) || name.StartsWith("x-", StringComparison.Ordinal) || (name == "examples" && value is JsonArray))
                    {
                        continue;
                    }
                    else
                    {
                        Walk(value, at, keyedByName: NameMaps.Contains(name), found);
                    }
                }
                break;
        }
    }

    /// <summary>A mapping value is a reference when it has a <c>#</c> or a <c>/</c>; otherwise it is a component name.</summary>
    private static void Mapping(JsonObject mapping, string pointer, List<FoundReference> found)
    {
        foreach (var (key, value) in mapping)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && (text.Contains('#', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal)))
            {
                found.Add(new FoundReference(mapping, key, pointer + "/" + JsonPointer.Escape(key), text));
            }
        }
    }
}
