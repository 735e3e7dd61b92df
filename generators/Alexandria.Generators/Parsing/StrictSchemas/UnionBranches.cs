using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// Decides whether a <c>oneOf</c> may be sent as <c>anyOf</c> ([OA-SO] rejects oneOf): only when no value can
    /// match two branches — their JSON types do not overlap, or two object branches require the same member
    /// with different <c>const</c> values (a discriminator).
    /// </summary>
    internal static class UnionBranches
    {
        public static bool AreDisjoint(ContractDocument document, JsonArray branches, SchemaDocuments documents)
        {
            var resolved = branches.Items.Select(b => Resolve(document, b, documents)).ToList();
            for (var i = 0; i < resolved.Count; i++)
            {
                for (var j = i + 1; j < resolved.Count; j++)
                {
                    if (resolved[i] is not { } left || resolved[j] is not { } right || !Disjoint(left, right))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool Disjoint(JsonObject left, JsonObject right)
        {
            var leftKinds = Kinds(left);
            var rightKinds = Kinds(right);
            if (leftKinds is not null && rightKinds is not null && !leftKinds.Overlaps(rightKinds))
            {
                return true;
            }

            return Discriminates(left, right);
        }

        /// <summary>True when both branches require a member whose const values differ.</summary>
        private static bool Discriminates(JsonObject left, JsonObject right)
        {
            if (left["properties"] is not JsonObject leftProperties || right["properties"] is not JsonObject rightProperties)
            {
                return false;
            }

            foreach (var member in leftProperties.Properties)
            {
                if (Const(member.Value) is { } leftValue && rightProperties[member.Name] is { } other && Const(other) is { } rightValue
                    && Requires(left, member.Name) && Requires(right, member.Name) && leftValue != rightValue)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The single value a member schema allows (<c>const</c> or a one-value <c>enum</c>), as JSON text.</summary>
        public static string? Const(JsonNode schema) => schema switch
        {
            JsonObject s when s["const"] is { } c => JsonText.Write(c),
            JsonObject s when s["enum"] is JsonArray { Items.Count: 1 } e => JsonText.Write(e.Items[0]),
            _ => null,
        };

        private static bool Requires(JsonObject schema, string name)
            => schema["required"] is JsonArray required && required.Items.OfType<JsonString>().Any(r => r.Value == name);

        /// <summary>The JSON types a branch allows (integer counted as number), or null when it does not say.</summary>
        private static HashSet<string>? Kinds(JsonObject schema)
        {
            IEnumerable<string>? kinds = schema["type"] switch
            {
                JsonString single => new[] { single.Value },
                JsonArray many => many.Items.OfType<JsonString>().Select(s => s.Value),
                _ => null,
            };
            if (kinds is null && schema["const"] is { } c)
            {
                kinds = new[] { KindOf(c) };
            }
            else if (kinds is null && schema["enum"] is JsonArray values)
            {
                kinds = values.Items.Select(KindOf);
            }

            return kinds is null ? null : new HashSet<string>(kinds.Select(k => k == "integer" ? "number" : k));
        }

        private static string KindOf(JsonNode value) => value switch
        {
            JsonObject => "object",
            JsonArray => "array",
            JsonString => "string",
            JsonNumber => "number",
            _ => value.Kind == JsonNodeKind.Null ? "null" : "boolean",
        };

        private static JsonObject? Resolve(ContractDocument document, JsonNode branch, SchemaDocuments documents)
        {
            for (var hops = 0; hops < 16; hops++)
            {
                if (branch is not JsonObject schema)
                {
                    return null;
                }

                if (schema["$ref"] is not JsonString reference)
                {
                    return schema;
                }

                if (!documents.TryResolve(document, reference.Value, out document, out branch, out _))
                {
                    return null;
                }
            }

            return null;
        }
    }
}
