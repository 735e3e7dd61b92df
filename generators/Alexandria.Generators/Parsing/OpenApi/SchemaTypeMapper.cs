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
    /// Chooses the C# type for a schema in the OpenAPI document. A schema the document's schema view made a
    /// definition of (a component, or an inline object, composition or enum) is the type the types area generated
    /// for it; cross-file references are the types the other contracts export; primitives and arrays are C#
    /// primitives and lists. Only a schema with no shape at all stays raw JSON, and each such place is reported
    /// (ALX0210) so a user can see every <c>JsonElement</c> and why.
    /// </summary>
    internal sealed class SchemaTypeMapper
    {
        private const int MaxDepth = 16;

        private readonly ContractDocument _document;
        private readonly ExportResolver _resolver;
        private readonly OpenApiSchemaView _view;
        private readonly List<DiagnosticInfo> _diagnostics;

        public SchemaTypeMapper(ContractDocument document, ExportResolver resolver, OpenApiSchemaView view, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _resolver = resolver;
            _view = view;
            _diagnostics = diagnostics;
        }

        /// <param name="place">What the schema types, for the ALX0210 message: <c>the request body of createPet</c>.</param>
        /// <param name="holder">The media type or parameter that holds the schema: where a missing schema is reported.</param>
        public TypeRef Map(JsonNode? schema, string place, JsonNode? holder)
            => schema is null && holder is not null ? Untyped(holder, place, "it declares no schema, so any value is accepted") : WithoutNullableMark(Map(schema, place, 0));

        /// <summary>
        /// A definition that allows null (<c>anyOf: [X, null]</c>) exports <c>X?</c>; a body or parameter is made
        /// nullable by the server where it is optional, so keeping the mark would write <c>X??</c>.
        /// </summary>
        private static TypeRef WithoutNullableMark(TypeRef type)
            => type.Name.EndsWith("?", System.StringComparison.Ordinal) ? type with { Name = type.Name.Substring(0, type.Name.Length - 1) } : type;

        private TypeRef Map(JsonNode? schema, string place, int depth)
        {
            if (schema is null)
            {
                return TypeRef.RawJson("The content declares no schema.");
            }

            if (schema is not JsonObject obj || depth > MaxDepth)
            {
                return Untyped(schema, place, "its schema is 'true' or 'false', which has no shape to generate");
            }

            if (obj["$ref"] is JsonString reference)
            {
                return MapReference(reference, place, depth);
            }

            if (_view.Hoisted.TryGetValue(obj.Pointer, out var definition))
            {
                return Definition(obj, definition, place);
            }

            switch (PrimaryType(obj))
            {
                case "string":
                    return obj.GetString("format") switch
                    {
                        "uuid" => TypeRef.Of("global::System.Guid", true),
                        "date-time" => TypeRef.Of("global::System.DateTimeOffset", true),
                        // Bytes (an octet-stream body or response) are streamed, never buffered into a string.
                        "binary" => TypeRef.Of("global::System.IO.Stream", false),
                        _ => TypeRef.Of("string", false),
                    };
                case "integer":
                    return TypeRef.Of("long", true);
                case "number":
                    return TypeRef.Of("double", true);
                case "boolean":
                    return TypeRef.Of("bool", true);
                case "array":
                    var items = Map(obj["items"], "the items of " + place, depth + 1);
                    return new TypeRef("global::System.Collections.Generic.IReadOnlyList<" + items.Name + ">", false, items.Note);
                case "object":
                    // No declared properties (an object with any, it says it is an object): a map, as in a type's member.
                    var values = obj["additionalProperties"] is JsonObject shape && obj["patternProperties"] is null && !Schema.SchemaShapes.AllowsAnyValue(shape)
                        ? Map(shape, "the values of " + place, depth + 1)
                        : TypeRef.Of("global::System.Text.Json.JsonElement", true);
                    return new TypeRef("global::System.Collections.Generic.IReadOnlyDictionary<string, " + values.Name + ">", false, values.Note);
                default:
                    return Untyped(obj, place, obj.Properties.Count == 0 ? "its schema is '{}', which allows any value" : "its schema declares no type, properties or composition");
            }
        }

        private TypeRef MapReference(JsonString reference, string place, int depth)
        {
            var rewritten = _view.RewriteReference(reference.Value);
            var local = LocalReferences.IsLocal(rewritten);
            if (!local || rewritten.StartsWith("#/$defs/", System.StringComparison.Ordinal))
            {
                var qualified = local ? _document.File.FileName + rewritten : rewritten;
                if (_resolver.TryResolve(qualified, out var export, out var reason))
                {
                    return TypeRef.Of(export.TypeName, false);
                }

                if (!local || LocalReferences.Resolve(_document.Root, reference.Value) is null)
                {
                    _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value, local ? "this document has nothing at that pointer" : reason));
                    return TypeRef.RawJson("The schema reference '" + reference.Value + "' does not resolve (ALX0101).");
                }
            }

            var target = LocalReferences.Resolve(_document.Root, reference.Value);
            if (target is null)
            {
                _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value, "this document has nothing at that pointer"));
                return TypeRef.RawJson("The schema reference '" + reference.Value + "' does not resolve (ALX0101).");
            }

            return Map(target, place, depth + 1);
        }

        /// <summary>The type the types area generated for a definition of the view; raw JSON only if it made none (its own diagnostics say why).</summary>
        private TypeRef Definition(JsonObject schema, string definition, string place)
        {
            var reference = _document.File.FileName + "#/$defs/" + JsonDocumentParser.EscapePointerToken(definition);
            return _resolver.TryResolve(reference, out var export, out var reason)
                ? TypeRef.Of(export.TypeName, false)
                : Untyped(schema, place, "no type was generated for it (" + reason + ")");
        }

        private TypeRef Untyped(JsonNode schema, string place, string why)
        {
            _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.UntypedBody, schema, char.ToUpperInvariant(place[0]) + place.Substring(1), why));
            return TypeRef.RawJson("Typed as JsonElement: " + why + ".");
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
