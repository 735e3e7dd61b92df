using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Normalizes a JSON Schema (2020-12, also the schemas inside OpenAPI 3.1): drops annotations that
    /// no consumer depends on (description, title, examples, $comment), spells <c>type</c>, <c>required</c>
    /// and <c>enum</c> as sorted sets, and walks into sub-schemas knowing which keywords hold them, so a
    /// property that happens to be called "description" is kept.
    /// </summary>
    internal static class SchemaNormalizer
    {
        /// <summary>Keywords whose value is a map of name → schema.</summary>
        public static readonly HashSet<string> SchemaMapKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
        };

        /// <summary>Keywords whose value is one schema.</summary>
        public static readonly HashSet<string> SchemaKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains",
            "propertyNames", "not", "if", "then", "else", "additionalItems", "contentSchema",
        };

        /// <summary>Keywords whose value is an array of schemas.</summary>
        public static readonly HashSet<string> SchemaArrayKeywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "allOf", "anyOf", "oneOf", "prefixItems",
        };

        /// <summary>Annotations that change no document's validity and no generated member.</summary>
        public static readonly HashSet<string> DroppedAnnotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "description", "title", "examples", "example", "$comment", "externalDocs",
        };

        public const string VersionKeyword = "x-alexandria-version";

        /// <summary>Normalizes a whole schema document; its version member is kept out of the normal form.</summary>
        public static CanonicalNode Document(JsonNode root) => Schema(root, isDocumentRoot: true);

        public static CanonicalNode Schema(JsonNode node, bool isDocumentRoot = false)
        {
            if (node is not JsonObject obj)
            {
                return CanonicalNode.From(node);
            }

            var members = new List<CanonicalMember>();
            foreach (var property in obj.Properties)
            {
                var name = property.Name;
                if (DroppedAnnotations.Contains(name) || (isDocumentRoot && name == VersionKeyword))
                {
                    continue;
                }

                members.Add(CanonicalMember.From(property, Keyword(name, property.Value)));
            }

            return CanonicalNode.Object(members, obj.Start, obj.Length);
        }

        private static CanonicalNode Keyword(string name, JsonNode value)
        {
            if (name == "type")
            {
                return value is JsonString single
                    ? CanonicalNode.Array(new[] { CanonicalNode.String(single.Value, single.Start, single.Length) }, value.Start, value.Length)
                    : SortedSet(value);
            }

            if (name == "required" || name == "enum")
            {
                return SortedSet(value);
            }

            if (SchemaMapKeywords.Contains(name) && value is JsonObject map)
            {
                return CanonicalNode.Object(map.Properties.Select(p => CanonicalMember.From(p, Schema(p.Value))), map.Start, map.Length);
            }

            if (SchemaKeywords.Contains(name))
            {
                return Schema(value);
            }

            if (SchemaArrayKeywords.Contains(name) && value is JsonArray array)
            {
                return CanonicalNode.Array(array.Items.Select(i => Schema(i)), array.Start, array.Length);
            }

            return CanonicalNode.From(value);
        }

        /// <summary>An array whose order carries no meaning: sorted by canonical JSON, duplicates removed.</summary>
        private static CanonicalNode SortedSet(JsonNode value)
        {
            if (value is not JsonArray array)
            {
                return CanonicalNode.From(value);
            }

            var items = array.Items
                .Select(CanonicalNode.From)
                .GroupBy(i => i.ToJson(), StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(i => i.ToJson(), StringComparer.Ordinal);
            return CanonicalNode.Array(items, array.Start, array.Length);
        }
    }
}
