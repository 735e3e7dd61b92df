using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// One member of an object schema after <c>allOf</c> flattening. A member declared again by a later
    /// schema (a case narrowing the envelope's <c>kind</c> to a <c>const</c>) keeps its first position and
    /// stacks the later schema as a layer; the last layer that says what the value is wins.
    /// </summary>
    internal sealed class ObjectMember
    {
        private static readonly string[] ShapeKeywords =
        {
            "type", "$ref", "const", "enum", "properties", "items", "oneOf", "anyOf", "allOf", "format", "additionalProperties",
        };

        public ObjectMember(string name) => Name = name;

        public string Name { get; }

        public List<JsonNode> Layers { get; } = new List<JsonNode>();

        /// <summary>The schema that decides the member's type.</summary>
        public JsonNode Schema
        {
            get
            {
                for (var i = Layers.Count - 1; i >= 0; i--)
                {
                    if (Layers[i] is not JsonObject obj)
                    {
                        return Layers[i];
                    }

                    foreach (var keyword in ShapeKeywords)
                    {
                        if (obj[keyword] is not null)
                        {
                            return obj;
                        }
                    }
                }

                return Layers[0];
            }
        }

        public string Description
        {
            get
            {
                for (var i = Layers.Count - 1; i >= 0; i--)
                {
                    if (Layers[i] is JsonObject obj && obj.GetString("description") is { } description)
                    {
                        return description;
                    }
                }

                return "";
            }
        }

        /// <summary>
        /// The member's string <c>const</c>, if its deciding schema has one; an <c>enum</c> of one string means the same
        /// (OpenAI's document spells its discriminators <c>type: {enum: [message]}</c>).
        /// </summary>
        public string? StringConst => Schema is JsonObject obj
            ? obj["const"] is JsonString constant ? constant.Value
            : obj["const"] is null && obj["enum"] is JsonArray { Items.Count: 1 } values && values.Items[0] is JsonString only ? only.Value
            : null
            : null;
    }
}
