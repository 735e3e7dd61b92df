using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>Questions about a schema's shape that decide which kind of C# type it becomes.</summary>
    internal static class SchemaShapes
    {
        /// <summary>The non-null members of <c>type</c>, and whether <c>null</c> is among them.</summary>
        public static List<string> ReadTypes(JsonObject schema, out bool nullable)
        {
            var types = new List<string>();
            nullable = false;
            switch (schema["type"])
            {
                case JsonString single:
                    if (single.Value == "null") nullable = true; else types.Add(single.Value);
                    break;
                case JsonArray many:
                    foreach (var item in many.Items)
                    {
                        if (item is JsonString s)
                        {
                            if (s.Value == "null") nullable = true; else types.Add(s.Value);
                        }
                    }

                    break;
            }

            // OpenAPI 3.0's "nullable": true appears in shared schemas; it means the same thing.
            if (schema["nullable"] is JsonLiteral { Kind: JsonNodeKind.True })
            {
                nullable = true;
            }

            return types;
        }

        /// <summary>How many non-null members <see cref="ReadTypes"/> would list, and the first: shape tests ask this of every schema, without the list.</summary>
        private static int CountTypes(JsonObject schema, out string? first)
        {
            first = null;
            switch (schema["type"])
            {
                case JsonString single:
                    first = single.Value == "null" ? null : single.Value;
                    return first is null ? 0 : 1;
                case JsonArray many:
                    var count = 0;
                    foreach (var item in many.Items)
                    {
                        if (item is JsonString s && s.Value != "null")
                        {
                            first ??= s.Value;
                            count++;
                        }
                    }

                    return count;
                default:
                    return 0;
            }
        }

        /// <summary>A <c>$ref</c> and nothing that changes its meaning: the schema is the referenced one.</summary>
        public static bool IsPureReference(JsonObject schema)
            => schema["$ref"] is JsonString && schema["properties"] is null && schema["allOf"] is null;

        /// <summary>An object schema with at least one member (own or through <c>allOf</c>): a record.</summary>
        public static bool IsRecord(SchemaFile file, JsonObject schema)
        {
            if (schema["enum"] is not null || schema["const"] is not null || IsPureReference(schema))
            {
                return false;
            }

            if ((schema["oneOf"] is not null || schema["anyOf"] is not null) && schema["properties"] is null)
            {
                return false;
            }

            var count = CountTypes(schema, out var first);
            if (count > 1 || (count == 1 && first != "object"))
            {
                return false;
            }

            if (count == 0 && schema["properties"] is null && schema["allOf"] is null)
            {
                return false;
            }

            return ObjectMembers.Any(file, schema);
        }

        /// <summary>An <c>enum</c> of strings (null allowed, making it nullable): a C# enum.</summary>
        public static bool IsStringEnum(JsonObject schema)
        {
            if (schema["enum"] is not JsonArray values)
            {
                return false;
            }

            var count = CountTypes(schema, out var first);
            if (count > 1 || (count == 1 && first != "string"))
            {
                return false;
            }

            var strings = 0;
            foreach (var value in values.Items)
            {
                if (value is JsonString)
                {
                    strings++;
                }
                else if (value.Kind != JsonNodeKind.Null)
                {
                    return false;
                }
            }

            return strings > 0;
        }

        /// <summary>Whether the enum lists <c>null</c> among its values.</summary>
        public static bool EnumAllowsNull(JsonObject schema)
        {
            if (schema["enum"] is JsonArray values)
            {
                foreach (var value in values.Items)
                {
                    if (value.Kind == JsonNodeKind.Null)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The one JSON type every branch of a union has when each is a plain scalar schema (a <c>type</c>, maybe an
        /// <c>enum</c> of it, a <c>format</c>, bounds): <c>anyOf: [string, enum of strings]</c> is a string. With
        /// different formats the format is dropped. Null when a branch is anything else (an object, a reference, a
        /// second type), which stays a union question. A branch that is a <c>$ref</c> to a scalar schema (OpenAI's
        /// <c>anyOf: [string, $ref: ModelIdsShared]</c>, an enum of strings) counts as that schema: every value of the
        /// enum is a string the other branch accepts anyway, so the union is the scalar, as an inline enum is.
        /// </summary>
        public static (string Type, string? Format)? CommonScalarType(List<JsonNode> branches, SchemaFile? file = null)
        {
            string? common = null;
            string? format = null;
            for (var i = 0; i < branches.Count; i++)
            {
                if (ScalarTarget(branches[i], file) is not JsonObject branch || branch["$ref"] is not null || branch["oneOf"] is not null || branch["anyOf"] is not null
                    || branch["allOf"] is not null || branch["properties"] is not null || branch["items"] is not null)
                {
                    return null;
                }

                var types = ReadTypes(branch, out _);
                var type = types.Count == 1 ? types[0] : types.Count == 0 && IsStringEnum(branch) ? "string" : null;
                if (type is not ("string" or "integer" or "number" or "boolean") || (common is not null && type != common))
                {
                    return null;
                }

                var branchFormat = branch.GetString("format");
                format = i == 0 || branchFormat == format ? branchFormat : null;
                common = type;
            }

            return common is null ? null : (common, format);
        }

        /// <summary>The schema a chain of pure <c>$ref</c>s ends at (the node itself when it is none, or no file resolves it).</summary>
        private static JsonNode ScalarTarget(JsonNode node, SchemaFile? file)
        {
            for (var hops = 0; file is not null && hops < 16 && node is JsonObject reference && IsPureReference(reference) && reference.Properties.Count == 1; hops++)
            {
                if (file.ResolveLocalRef(reference) is not { } target)
                {
                    break;
                }

                node = target;
            }

            return node;
        }

        /// <summary>
        /// A schema that allows any value: no keyword but annotations (<c>{}</c>, <c>{description: …}</c>). As
        /// <c>additionalProperties</c> it is the same as <c>true</c>.
        /// </summary>
        public static bool AllowsAnyValue(JsonObject schema)
        {
            foreach (var keyword in schema.Properties)
            {
                if (System.Array.IndexOf(AnnotationKeywords, keyword.Name) < 0 && !keyword.Name.StartsWith("x-", System.StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static readonly string[] AnnotationKeywords = { "description", "title", "examples", "example", "default", "deprecated", "readOnly", "writeOnly", "$comment" };

        /// <summary>The branches of <c>oneOf</c> (or <c>anyOf</c>), without the <c>{"type": "null"}</c> ones.</summary>
        public static List<JsonNode>? Branches(JsonObject schema, out bool nullable)
        {
            nullable = false;
            if ((schema["oneOf"] ?? schema["anyOf"]) is not JsonArray branches)
            {
                return null;
            }

            var result = new List<JsonNode>();
            foreach (var branch in branches.Items)
            {
                if (branch is JsonObject obj && obj.Properties.Count == 1 && obj.GetString("type") == "null")
                {
                    nullable = true;
                }
                else
                {
                    result.Add(branch);
                }
            }

            return result;
        }
    }
}
