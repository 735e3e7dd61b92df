using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// One schema contract seen as definitions: the located document, its <c>$defs</c> in order, and local
    /// <c>$ref</c> resolution. Lives only inside one parse; models never hold it.
    /// </summary>
    internal sealed class SchemaFile
    {
        private readonly Dictionary<string, JsonProperty> _definitionsByPointer = new Dictionary<string, JsonProperty>();

        public SchemaFile(ContractDocument document)
        {
            Document = document;
            var root = document.Root as JsonObject;
            Id = root?.GetString("$id");
            var definitions = new List<JsonProperty>();
            if (root?["$defs"] is JsonObject defs)
            {
                foreach (var definition in defs.Properties)
                {
                    // A duplicated key (ALX0002) keeps its last occurrence, as JSON readers do.
                    if (defs.GetProperty(definition.Name) == definition)
                    {
                        definitions.Add(definition);
                        _definitionsByPointer[definition.Value.Pointer] = definition;
                    }
                }
            }

            Definitions = definitions;
        }

        public ContractDocument Document { get; }

        public string FileName => Document.File.FileName;

        public string? Id { get; }

        public IReadOnlyList<JsonProperty> Definitions { get; }

        /// <summary>The <c>$defs</c> entry whose value is <paramref name="node"/>, if it is one.</summary>
        public JsonProperty? DefinitionAt(JsonNode node)
            => _definitionsByPointer.TryGetValue(node.Pointer, out var definition) && definition.Value == node ? definition : null;

        public SchemaReference ParseReference(string value) => SchemaReference.Parse(value, FileName, Id);

        /// <summary>The node a local reference points at, or null when it does not resolve (or is not local).</summary>
        public JsonNode? ResolveLocal(SchemaReference reference)
        {
            if (!reference.IsLocal)
            {
                return null;
            }

            return reference.Fragment.Length == 0 || reference.Fragment[0] == '/'
                ? SchemaReference.Follow(Document.Root, reference.Fragment)
                : SchemaReference.FindAnchor(Document.Root, reference.Fragment);
        }

        /// <summary>Resolves the <c>$ref</c> of <paramref name="schema"/> when it is local and resolves; null otherwise.</summary>
        public JsonNode? ResolveLocalRef(JsonObject schema)
            => schema.GetString("$ref") is { } value ? ResolveLocal(ParseReference(value)) : null;
    }
}
