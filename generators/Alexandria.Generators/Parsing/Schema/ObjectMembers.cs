using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The members of an object schema with its <c>allOf</c> (and a <c>$ref</c> beside <c>properties</c>) flattened
    /// in: referenced members first, in order, then the schema's own. This is how event cases share the envelope.
    /// </summary>
    internal sealed class ObjectMembers
    {
        private readonly Dictionary<string, ObjectMember> _byName = new Dictionary<string, ObjectMember>();

        private ObjectMembers()
        {
        }

        public List<ObjectMember> Members { get; } = new List<ObjectMember>();

        public HashSet<string> Required { get; } = new HashSet<string>();

        /// <summary><c>allOf</c> parts the types area could not flatten (references into other files).</summary>
        public List<JsonObject> Unflattened { get; } = new List<JsonObject>();

        public ObjectMember? this[string name] => _byName.TryGetValue(name, out var member) ? member : null;

        public static ObjectMembers Collect(SchemaFile file, JsonObject schema)
        {
            var members = new ObjectMembers();
            members.Add(file, schema, new HashSet<JsonNode>());
            return members;
        }

        /// <summary>
        /// Whether <see cref="Collect"/> would find any member: the same walk, stopping at the first <c>properties</c> with
        /// a member, without building the members (shape detection asks this of every object definition).
        /// </summary>
        public static bool Any(SchemaFile file, JsonObject schema) => Any(file, schema, null);

        private static bool Any(SchemaFile file, JsonObject schema, HashSet<JsonNode>? visiting)
        {
            if (schema["properties"] is JsonObject { Properties.Count: > 0 })
            {
                return true;
            }

            var viaRef = schema["$ref"] is JsonString && (schema["properties"] is not null || schema["allOf"] is not null);
            if (!viaRef && schema["allOf"] is not JsonArray)
            {
                return false;
            }

            visiting ??= new HashSet<JsonNode>();
            if (!visiting.Add(schema))
            {
                return false;
            }

            var found = (viaRef && file.ResolveLocalRef(schema) is JsonObject target && Any(file, target, visiting))
                || (schema["allOf"] is JsonArray parts && AnyPart(file, parts, visiting));
            visiting.Remove(schema);
            return found;
        }

        private static bool AnyPart(SchemaFile file, JsonArray parts, HashSet<JsonNode> visiting)
        {
            foreach (var part in parts.Items)
            {
                if (part is JsonObject partSchema
                    && (partSchema["$ref"] is JsonString && partSchema["properties"] is null
                        ? file.ResolveLocalRef(partSchema) is JsonObject target && Any(file, target, visiting)
                        : Any(file, partSchema, visiting)))
                {
                    return true;
                }
            }

            return false;
        }

        private void Add(SchemaFile file, JsonObject schema, HashSet<JsonNode> visiting)
        {
            if (!visiting.Add(schema))
            {
                return;
            }

            // A $ref next to properties is an allOf of one (2020-12 lets $ref sit beside other keywords).
            if (schema["$ref"] is JsonString && (schema["properties"] is not null || schema["allOf"] is not null))
            {
                AddPart(file, schema, visiting);
            }

            if (schema["allOf"] is JsonArray parts)
            {
                foreach (var part in parts.Items)
                {
                    if (part is JsonObject partSchema)
                    {
                        if (partSchema["$ref"] is JsonString && partSchema["properties"] is null)
                        {
                            AddPart(file, partSchema, visiting);
                        }
                        else
                        {
                            Add(file, partSchema, visiting);
                        }
                    }
                }
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var property in properties.Properties)
                {
                    if (!_byName.TryGetValue(property.Name, out var member))
                    {
                        member = new ObjectMember(property.Name);
                        _byName.Add(property.Name, member);
                        Members.Add(member);
                    }

                    member.Layers.Add(property.Value);
                }
            }

            if (schema["required"] is JsonArray required)
            {
                foreach (var name in required.Items)
                {
                    if (name is JsonString s)
                    {
                        Required.Add(s.Value);
                    }
                }
            }

            visiting.Remove(schema);
        }

        private void AddPart(SchemaFile file, JsonObject referencing, HashSet<JsonNode> visiting)
        {
            if (file.ResolveLocalRef(referencing) is JsonObject target)
            {
                Add(file, target, visiting);
            }
            else
            {
                Unflattened.Add(referencing);
            }
        }
    }
}
