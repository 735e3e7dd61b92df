using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;
using Alexandria.Generators.Parsing.References;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>
    /// Chooses the C# type for a schema in the OpenAPI document. Cross-file references become the types
    /// the schema contracts export; primitives become C# primitives; anything else (inline objects, local
    /// component objects) has no generated type and is carried as raw JSON, with a note saying why.
    /// </summary>
    internal sealed class SchemaTypeMapper
    {
        private const int MaxDepth = 16;

        private readonly ContractDocument _document;
        private readonly ExportResolver _resolver;
        private readonly List<DiagnosticInfo> _diagnostics;

        public SchemaTypeMapper(ContractDocument document, ExportResolver resolver, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _resolver = resolver;
            _diagnostics = diagnostics;
        }

        public TypeRef Map(JsonNode? schema) => Map(schema, 0);

        private TypeRef Map(JsonNode? schema, int depth)
        {
            if (schema is not JsonObject obj || depth > MaxDepth)
            {
                return TypeRef.RawJson("The schema is not an object schema Alexandria can type.");
            }

            if (obj["$ref"] is JsonString reference)
            {
                return MapReference(reference, depth);
            }

            switch (PrimaryType(obj))
            {
                case "string":
                    return obj.GetString("format") switch
                    {
                        "uuid" => TypeRef.Of("global::System.Guid", true),
                        "date-time" => TypeRef.Of("global::System.DateTimeOffset", true),
                        _ => TypeRef.Of("string", false),
                    };
                case "integer":
                    return TypeRef.Of("long", true);
                case "number":
                    return TypeRef.Of("double", true);
                case "boolean":
                    return TypeRef.Of("bool", true);
                case "array":
                    var items = Map(obj["items"], depth + 1);
                    return new TypeRef("global::System.Collections.Generic.IReadOnlyList<" + items.Name + ">", false, items.Note);
                default:
                    return TypeRef.RawJson("Inline object schemas have no generated type; declare the schema in a schema contract and $ref it to get one.");
            }
        }

        private TypeRef MapReference(JsonString reference, int depth)
        {
            if (!LocalReferences.IsLocal(reference.Value))
            {
                if (_resolver.TryResolve(reference.Value, out var export, out var reason))
                {
                    return TypeRef.Of(export.TypeName, false);
                }

                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value, reason));
                return TypeRef.RawJson("The schema reference '" + reference.Value + "' does not resolve (ALX0101).");
            }

            var target = LocalReferences.Resolve(_document.Root, reference.Value);
            if (target is null)
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value, "this document has nothing at that pointer"));
                return TypeRef.RawJson("The schema reference '" + reference.Value + "' does not resolve (ALX0101).");
            }

            var mapped = Map(target, depth + 1);
            return mapped.Name == TypeRef.JsonElementName && target is JsonObject component && component["$ref"] is null
                ? TypeRef.RawJson("Component schema '" + reference.Value + "' is declared inline in the OpenAPI document, so it has no generated type; move it to a schema contract and $ref it to get one.")
                : mapped;
        }

        private static string? PrimaryType(JsonObject schema)
        {
            switch (schema["type"])
            {
                case JsonString single:
                    return single.Value;
                case JsonArray many:
                    // ["string", "null"] is an optional string; nullability comes from 'required', not the type.
                    return many.Items.OfType<JsonString>().Select(s => s.Value).FirstOrDefault(t => t != "null");
                default:
                    return null;
            }
        }
    }
}
