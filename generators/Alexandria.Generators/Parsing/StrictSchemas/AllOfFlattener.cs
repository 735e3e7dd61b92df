using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// Flattens the one <c>allOf</c> every provider can take in another form: branches that are plain object
    /// schemas (type, properties, required, closed or open) in the same file, merged into one object whose
    /// members are the union of theirs. Anything else (assertions that would have to intersect, conflicting
    /// member schemas) cannot be flattened and falls back.
    /// </summary>
    internal static class AllOfFlattener
    {
        private static readonly HashSet<string> Mergeable = new HashSet<string>(StringComparer.Ordinal)
        {
            "type", "properties", "required", "additionalProperties", "description", "title", "$comment",
        };

        public static bool TryFlatten(JsonObject schema, JsonProperty allOf, SchemaDocuments documents, ContractDocument document, out JsonObject merged)
        {
            merged = schema;
            if (allOf.Value is not JsonArray branches || (schema["type"] is { } ownType && !(ownType is JsonString { Value: "object" })))
            {
                return false;
            }

            var parts = new List<JsonObject> { schema };
            foreach (var branch in branches.Items)
            {
                var part = branch as JsonObject;
                if (part?["$ref"] is JsonString reference)
                {
                    // Only a bare reference in the same file: its members keep resolving against the same document.
                    if (part.Properties.Count != 1 || !reference.Value.StartsWith("#", StringComparison.Ordinal)
                        || !documents.TryResolve(document, reference.Value, out _, out var target, out _))
                    {
                        return false;
                    }

                    part = target as JsonObject;
                }

                if (part is null || part.Properties.Any(p => !Mergeable.Contains(p.Name))
                    || (part["type"] is { } type && !(type is JsonString { Value: "object" }))
                    || (part["additionalProperties"] is { } additional && additional.Kind != JsonNodeKind.False))
                {
                    return false;
                }

                parts.Add(part);
            }

            // A closed part allows no member another part declares: merging would widen the contract, so it cannot flatten.
            var declaredNames = new HashSet<string>(parts.SelectMany(p => (p["properties"] as JsonObject)?.Properties.Select(m => m.Name) ?? Array.Empty<string>()));
            foreach (var part in parts.Where(p => p["additionalProperties"]?.Kind == JsonNodeKind.False))
            {
                var own = (part["properties"] as JsonObject)?.Properties.Select(m => m.Name) ?? Array.Empty<string>();
                if (!declaredNames.SetEquals(own))
                {
                    return false;
                }
            }

            var members = new List<JsonProperty>();
            var required = new List<JsonNode>();
            foreach (var part in parts)
            {
                foreach (var member in (part["properties"] as JsonObject)?.Properties ?? Array.Empty<JsonProperty>())
                {
                    var existing = members.FirstOrDefault(m => m.Name == member.Name);
                    if (existing is null)
                    {
                        members.Add(member);
                    }
                    else if (JsonText.Write(existing.Value) != JsonText.Write(member.Value))
                    {
                        return false;
                    }
                }

                required.AddRange((part["required"] as JsonArray)?.Items ?? Array.Empty<JsonNode>());
            }

            var kept = schema.Properties.Where(p => p.Name is not ("allOf" or "properties" or "required" or "type" or "additionalProperties")).ToList();
            var properties = new JsonObject(allOf.NameStart, allOf.NameLength, members) { Pointer = schema.Pointer + "/properties" };
            kept.Add(new JsonProperty("type", allOf.NameStart, allOf.NameLength, new JsonString(allOf.NameStart, allOf.NameLength, "object")));
            kept.Add(new JsonProperty("properties", allOf.NameStart, allOf.NameLength, properties));
            kept.Add(new JsonProperty("required", allOf.NameStart, allOf.NameLength, new JsonArray(allOf.NameStart, allOf.NameLength, required)));
            kept.Add(new JsonProperty("additionalProperties", allOf.NameStart, allOf.NameLength, new JsonLiteral(JsonNodeKind.False, allOf.NameStart, allOf.NameLength)));
            merged = new JsonObject(schema.Start, schema.Length, kept) { Pointer = schema.Pointer };
            return true;
        }
    }
}
