using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>
    /// An OpenAPI document seen as a JSON Schema contract, so the types and validators areas make a type (and a
    /// validator) of every schema in it exactly as they do for a <c>$defs</c> file. Its root is
    /// <c>{"$defs": {...}}</c> holding, in order:
    /// <list type="number">
    /// <item>every <c>components.schemas</c> entry under its own name;</item>
    /// <item>the schema of every <c>components.requestBodies/responses/parameters</c> entry that needs a type, under the component's name
    /// (suffixed <c>Body</c>, <c>Response</c>, <c>Parameter</c> if a schema already has it);</item>
    /// <item>every inline request, response and parameter schema that needs a type, named from its operation and position:
    /// <c>{Operation}Body</c>, <c>{Operation}{Status}Response</c>, <c>{Operation}{Parameter}</c> (path-level parameters:
    /// <c>{Path}{Parameter}</c>); an array's items are named with an <c>Item</c> suffix.</item>
    /// </list>
    /// A schema "needs a type" when it is an object, a composition or an enum; primitives map to C# primitives directly.
    /// Names depend only on the operation and the position, so editing one operation never renames another's types.
    /// Schema Objects are rewritten to 2020-12 meaning by <see cref="SchemaObjectRewriter"/>.
    /// </summary>
    internal sealed class OpenApiSchemaView
    {
        private const string ComponentsSchemas = "/components/schemas/";

        private readonly ContractDocument _document;
        private readonly JsonObject _root;
        private readonly HashSet<string> _taken = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<(string Name, JsonNode Schema)> _definitions = new List<(string, JsonNode)>();
        private readonly Dictionary<string, string> _hoisted = new Dictionary<string, string>(StringComparer.Ordinal);

        private OpenApiSchemaView(ContractDocument document, JsonObject root)
        {
            _document = document;
            _root = root;
        }

        /// <summary>Definition name of each hoisted schema, by the schema's pointer in the document.</summary>
        public IReadOnlyDictionary<string, string> Hoisted => _hoisted;

        public int DefinitionCount => _definitions.Count;

        /// <summary>The OpenAPI version family: 3.0 documents get their Schema Objects normalized with info diagnostics.</summary>
        public static bool IsOpenApi30(JsonObject root) => (root.GetString("openapi") ?? "").StartsWith("3.0", StringComparison.Ordinal);

        public static OpenApiSchemaView Collect(ContractDocument document)
        {
            var root = (JsonObject)document.Root;
            var view = new OpenApiSchemaView(document, root);
            if (root["openapi"] is not JsonString)
            {
                // Swagger 2.0 is refused whole (ALX0206): none of it becomes a type.
                return view;
            }

            var components = root["components"] as JsonObject;
            if (components?["schemas"] is JsonObject schemas)
            {
                foreach (var schema in schemas.Properties)
                {
                    if (schemas.GetProperty(schema.Name) == schema && view._taken.Add(schema.Name))
                    {
                        view._definitions.Add((schema.Name, schema.Value));
                    }
                }
            }

            view.CollectComponents(components?["requestBodies"] as JsonObject, "Body", body => ContentSchema(body));
            view.CollectComponents(components?["responses"] as JsonObject, "Response", response => ContentSchema(response));
            view.CollectComponents(components?["parameters"] as JsonObject, "Parameter", parameter => (parameter as JsonObject)?["schema"]);

            foreach (var path in (root["paths"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                foreach (var parameter in Parameters((path.Value as JsonObject)?["parameters"]))
                {
                    view.Hoist(parameter.Schema, OperationCatalog.PathStem(path.Name) + CSharpNaming.ToPascalCase(parameter.Name));
                }
            }

            foreach (var operation in OperationCatalog.Enumerate(root))
            {
                view.CollectOperation(operation.Name, operation.Operation);
            }

            return view;
        }

        /// <summary>The rewritten <c>{"$defs": ...}</c> root; ALX0207/ALX0209 for what the rewrite changes go to <paramref name="diagnostics"/>.</summary>
        public JsonObject Build(List<DiagnosticInfo> diagnostics)
        {
            var rewriter = new SchemaObjectRewriter(_document, IsOpenApi30(_root), RewriteReference, diagnostics);
            var definitions = new List<JsonProperty>(_definitions.Count);
            foreach (var (name, schema) in _definitions)
            {
                var pointer = "/$defs/" + JsonDocumentParser.EscapePointerToken(name);
                rewriter.DefinitionPointer = pointer;
                var at = schema.Start;
                definitions.Add(new JsonProperty(name, at, 0, rewriter.Schema(schema, pointer)));
            }

            var defs = new JsonObject(_root.Start, _root.Length, definitions) { Pointer = "/$defs" };
            return new JsonObject(_root.Start, _root.Length, new[] { new JsonProperty("$defs", _root.Start, 0, defs) });
        }

        /// <summary>
        /// <c>#/components/schemas/X/…</c> → <c>#/$defs/X/…</c>, in this document or another OpenAPI document
        /// (whose view has the same <c>$defs</c>); a reference to a hoisted schema → its definition; others unchanged.
        /// </summary>
        public string RewriteReference(string reference)
        {
            var hash = reference.IndexOf('#');
            if (hash < 0)
            {
                return reference;
            }

            var file = reference.Substring(0, hash);
            var pointer = Uri.UnescapeDataString(reference.Substring(hash + 1));
            if (pointer.StartsWith(ComponentsSchemas, StringComparison.Ordinal))
            {
                return file + "#/$defs/" + pointer.Substring(ComponentsSchemas.Length);
            }

            if (file.Length == 0)
            {
                foreach (var hoisted in _hoisted)
                {
                    if (pointer == hoisted.Key || pointer.StartsWith(hoisted.Key + "/", StringComparison.Ordinal))
                    {
                        return "#/$defs/" + JsonDocumentParser.EscapePointerToken(hoisted.Value) + pointer.Substring(hoisted.Key.Length);
                    }
                }
            }

            return reference;
        }

        private void CollectComponents(JsonObject? components, string suffix, Func<JsonNode, JsonNode?> schemaOf)
        {
            foreach (var component in components?.Properties ?? new JsonProperty[0])
            {
                var schema = schemaOf(component.Value);
                if (schema is not null && NeedsType(schema))
                {
                    var name = CSharpNaming.ToPascalCase(component.Name);
                    Hoist(schema, _taken.Contains(name) ? name + suffix : name);
                }
            }
        }

        private void CollectOperation(string name, JsonObject operation)
        {
            foreach (var parameter in Parameters(operation["parameters"]))
            {
                Hoist(parameter.Schema, name + CSharpNaming.ToPascalCase(parameter.Name));
            }

            if (operation["requestBody"] is JsonObject body && body["$ref"] is null)
            {
                Hoist(ContentSchema(body), name + "Body");
            }

            var caseNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var response in (operation["responses"] as JsonObject)?.Properties ?? new JsonProperty[0])
            {
                if (ResponseCaseNames.TryName(response.Name, out var caseName, out _))
                {
                    caseName = CSharpNaming.Unique(caseName, caseNames);
                    if (response.Value is JsonObject declared && declared["$ref"] is null)
                    {
                        Hoist(ContentSchema(declared), name + caseName + "Response");
                    }
                }
            }
        }

        private static IEnumerable<(string Name, JsonNode Schema)> Parameters(JsonNode? parameters)
        {
            foreach (var item in (parameters as JsonArray)?.Items ?? new JsonNode[0])
            {
                if (item is JsonObject parameter && parameter["$ref"] is null && parameter.GetString("name") is { } name && parameter["schema"] is { } schema)
                {
                    yield return (name, schema);
                }
            }
        }

        /// <summary>The schema the server would use: JSON first (including <c>+json</c>), else the first declared content.</summary>
        private static JsonNode? ContentSchema(JsonNode? holder)
            => OperationParser.ChooseContent((holder as JsonObject)?["content"] as JsonObject).Schema;

        private void Hoist(JsonNode? schema, string name)
        {
            if (schema is not JsonObject obj || obj["$ref"] is not null || _hoisted.ContainsKey(obj.Pointer))
            {
                return;
            }

            if (NeedsType(obj))
            {
                var unique = CSharpNaming.Unique(name, _taken);
                _hoisted[obj.Pointer] = unique;
                _definitions.Add((unique, obj));
            }
            else if (IsType(obj, "array"))
            {
                Hoist(obj["items"], name + "Item");
            }
        }

        private static bool NeedsType(JsonNode schema)
        {
            if (schema is not JsonObject obj || obj["$ref"] is not null)
            {
                return false;
            }

            return obj["properties"] is not null || obj["additionalProperties"] is JsonObject || obj["allOf"] is not null
                || obj["oneOf"] is not null || obj["anyOf"] is not null || obj["enum"] is not null;
        }

        private static bool IsType(JsonObject schema, string type)
            => schema["type"] is JsonString single ? single.Value == type
               : schema["type"] is JsonArray many && many.Items.OfType<JsonString>().Any(s => s.Value == type);
    }
}
