using System;
using System.Collections.Generic;
using System.Globalization;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing.Schema;

namespace Alexandria.Generators.Parsing.OpenApi
{
    /// <summary>
    /// Copies an OpenAPI Schema Object into JSON Schema 2020-12 meaning, for the schema parsers to read as if it
    /// were a <c>$defs</c> entry. Every copied node keeps its source span (diagnostics stay at the document's line
    /// and column) and gets its pointer in the view. What changes:
    /// <list type="bullet">
    /// <item><c>$ref</c>s into <c>components/schemas</c> (or to a schema the view hoisted) point into the view's <c>$defs</c>;</item>
    /// <item>OpenAPI 3.0 <c>nullable: true</c> adds <c>"null"</c> to <c>type</c> (and <c>enum</c>), or wraps a schema without
    /// <c>type</c> in <c>anyOf: [schema, {type: null}]</c>;</item>
    /// <item>3.0 boolean <c>exclusiveMinimum/Maximum</c> become the 2020-12 numbers (taking <c>minimum/maximum</c>'s value);</item>
    /// <item><c>example</c> becomes <c>examples: [value]</c> (a rename, so no diagnostic).</item>
    /// </list>
    /// In a 3.0 document each change of meaning is ALX0207 (info); the same 3.0 spellings in a 3.1 document are
    /// accepted with ALX0209 (warning), as real documents mix them.
    /// </summary>
    internal sealed class SchemaObjectRewriter
    {
        private readonly ContractDocument _document;
        private readonly bool _isOpenApi30;
        private readonly Func<string, string> _rewriteReference;
        private readonly List<DiagnosticInfo> _diagnostics;

        public SchemaObjectRewriter(ContractDocument document, bool isOpenApi30, Func<string, string> rewriteReference, List<DiagnosticInfo> diagnostics)
        {
            _document = document;
            _isOpenApi30 = isOpenApi30;
            _rewriteReference = rewriteReference;
            _diagnostics = diagnostics;
        }

        /// <summary>The view pointer of the definition being copied (<c>/$defs/Pet</c>), which <c>$recursiveRef: "#"</c> means.</summary>
        public string DefinitionPointer { get; set; } = "";

        public JsonNode Schema(JsonNode node, string pointer)
        {
            if (node is not JsonObject schema)
            {
                return Data(node, pointer);
            }

            var nullable = schema.GetProperty("nullable");
            var addsNull = nullable?.Value.Kind == JsonNodeKind.True;
            if (nullable is not null)
            {
                ReportNullable(nullable, addsNull, schema["type"] is not null);
            }

            if (addsNull && schema["type"] is null)
            {
                // Only a wrapper can add null to a schema that does not list its types ($ref, allOf, ...).
                var inner = Members(schema, pointer + "/anyOf/0", addNull: false);
                var at = nullable!.Value;
                var anyOf = new JsonArray(schema.Start, schema.Length, new JsonNode[]
                {
                    inner,
                    new JsonObject(at.Start, at.Length, new[] { Property("type", at, new JsonString(at.Start, at.Length, "null") { Pointer = pointer + "/anyOf/1/type" }) }) { Pointer = pointer + "/anyOf/1" },
                }) { Pointer = pointer + "/anyOf" };
                return new JsonObject(schema.Start, schema.Length, new[] { Property("anyOf", at, anyOf) }) { Pointer = pointer };
            }

            return Members(schema, pointer, addsNull);
        }

        private JsonObject Members(JsonObject schema, string pointer, bool addNull)
        {
            var properties = new List<JsonProperty>(schema.Properties.Count);
            var dropped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keyword in schema.Properties)
            {
                var childPointer = pointer + "/" + JsonDocumentParser.EscapePointerToken(keyword.Name);
                switch (keyword.Name)
                {
                    case "nullable":
                        continue;
                    case "exclusiveMinimum":
                    case "exclusiveMaximum":
                        if (keyword.Value.Kind is JsonNodeKind.True or JsonNodeKind.False)
                        {
                            var bound = keyword.Name == "exclusiveMinimum" ? "minimum" : "maximum";
                            if (keyword.Value.Kind == JsonNodeKind.True && schema[bound] is JsonNumber limit)
                            {
                                Report(keyword, $"'{keyword.Name}: true' with '{bound}: {limit.Text}'", $"'{keyword.Name}: {limit.Text}' (the bound itself is excluded)");
                                properties.Add(new JsonProperty(keyword.Name, keyword.NameStart, keyword.NameLength, new JsonNumber(limit.Start, limit.Length, limit.Text) { Pointer = childPointer }));
                                dropped.Add(bound);
                            }

                            continue;
                        }

                        break;
                    case "example":
                        if (schema["examples"] is null)
                        {
                            var example = Data(keyword.Value, pointer + "/examples/0");
                            properties.Add(new JsonProperty("examples", keyword.NameStart, keyword.NameLength, new JsonArray(keyword.Value.Start, keyword.Value.Length, new[] { example }) { Pointer = pointer + "/examples" }));
                        }

                        continue;
                    case "type" when addNull:
                        properties.Add(new JsonProperty(keyword.Name, keyword.NameStart, keyword.NameLength, WithNull(keyword.Value, childPointer, n => new JsonString(n.Start, n.Length, "null"))));
                        continue;
                    case "enum" when addNull && keyword.Value is JsonArray:
                        properties.Add(new JsonProperty(keyword.Name, keyword.NameStart, keyword.NameLength, WithNull(keyword.Value, childPointer, n => new JsonLiteral(JsonNodeKind.Null, n.Start, n.Length))));
                        continue;
                    case "$recursiveRef" when keyword.Value is JsonString recursive && recursive.Value == "#":
                        // Draft 2019-09 recursion to the enclosing resource: in a component, that is the component itself.
                        _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.DeviationAccepted, keyword, "'$recursiveRef' (JSON Schema 2019-09) in an OpenAPI schema", "'$ref' to the enclosing schema '" + DefinitionPointer + "'"));
                        properties.Add(new JsonProperty("$ref", keyword.NameStart, keyword.NameLength, new JsonString(recursive.Start, recursive.Length, "#" + DefinitionPointer) { Pointer = childPointer }));
                        continue;
                    case "$ref" when keyword.Value is JsonString reference:
                        properties.Add(new JsonProperty(keyword.Name, keyword.NameStart, keyword.NameLength, new JsonString(reference.Start, reference.Length, _rewriteReference(reference.Value)) { Pointer = childPointer }));
                        continue;
                }

                properties.Add(new JsonProperty(keyword.Name, keyword.NameStart, keyword.NameLength, Keyword(keyword, childPointer)));
            }

            properties.RemoveAll(p => dropped.Contains(p.Name));
            return new JsonObject(schema.Start, schema.Length, properties) { Pointer = pointer };
        }

        private JsonNode Keyword(JsonProperty keyword, string pointer)
        {
            if (StandardKeywords.SingleSchema.Contains(keyword.Name))
            {
                return Schema(keyword.Value, pointer);
            }

            if (StandardKeywords.SchemaArray.Contains(keyword.Name) && keyword.Value is JsonArray array)
            {
                var items = new List<JsonNode>(array.Items.Count);
                for (var i = 0; i < array.Items.Count; i++)
                {
                    items.Add(Schema(array.Items[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture)));
                }

                return new JsonArray(array.Start, array.Length, items) { Pointer = pointer };
            }

            if (StandardKeywords.SchemaMap.Contains(keyword.Name) && keyword.Value is JsonObject map)
            {
                var entries = new List<JsonProperty>(map.Properties.Count);
                foreach (var entry in map.Properties)
                {
                    entries.Add(new JsonProperty(entry.Name, entry.NameStart, entry.NameLength, Schema(entry.Value, pointer + "/" + JsonDocumentParser.EscapePointerToken(entry.Name))));
                }

                return new JsonObject(map.Start, map.Length, entries) { Pointer = pointer };
            }

            if (keyword.Name == "required" && keyword.Value is JsonArray required)
            {
                return DistinctRequired(required, pointer);
            }

            return Data(keyword.Value, pointer);
        }

        /// <summary>A name listed twice in <c>required</c> means it once: accepted with ALX0209 at the repeat.</summary>
        private JsonNode DistinctRequired(JsonArray required, string pointer)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<JsonNode>(required.Items.Count);
            foreach (var item in required.Items)
            {
                if (item is JsonString name && !seen.Add(name.Value))
                {
                    _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.DeviationAccepted, item, $"'{name.Value}' is listed twice in 'required'", "one requirement"));
                    continue;
                }

                items.Add(Data(item, pointer + "/" + items.Count.ToString(CultureInfo.InvariantCulture)));
            }

            return new JsonArray(required.Start, required.Length, items) { Pointer = pointer };
        }

        private JsonNode WithNull(JsonNode value, string pointer, Func<JsonNode, JsonNode> makeNull)
        {
            var items = new List<JsonNode>();
            if (value is JsonArray array)
            {
                foreach (var item in array.Items)
                {
                    items.Add(Data(item, pointer + "/" + items.Count.ToString(CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                items.Add(Data(value, pointer + "/0"));
            }

            if (!items.Exists(i => i.Kind == JsonNodeKind.Null || i is JsonString s && s.Value == "null"))
            {
                var made = makeNull(value);
                made.Pointer = pointer + "/" + items.Count.ToString(CultureInfo.InvariantCulture);
                items.Add(made);
            }

            return new JsonArray(value.Start, value.Length, items) { Pointer = pointer };
        }

        private void ReportNullable(JsonProperty nullable, bool addsNull, bool hasType)
        {
            if (!addsNull)
            {
                if (!_isOpenApi30)
                {
                    _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.DeviationAccepted, nullable, "'nullable' is an OpenAPI 3.0 keyword in a 3.1 document", "nothing ('nullable: false' adds no constraint)"));
                }

                return;
            }

            var meaning = hasType ? "'null' added to the schema's 'type' (and 'enum')" : "'anyOf: [schema, {type: null}]' (the schema lists no 'type' to add 'null' to)";
            Report(nullable, "'nullable: true'", meaning);
        }

        private void Report(JsonProperty at, string what, string meaning)
            => _diagnostics.Add(_isOpenApi30
                ? _document.Diagnostic(DiagnosticDescriptors.OpenApi30SchemaRewritten, at, what, meaning)
                : _document.Diagnostic(DiagnosticDescriptors.DeviationAccepted, at, what + " is OpenAPI 3.0 syntax in a 3.1 document", meaning));

        private static JsonProperty Property(string name, JsonNode at, JsonNode value) => new JsonProperty(name, at.Start, 0, value);

        /// <summary>A verbatim copy at another pointer: values (<c>default</c>, <c>enum</c>, <c>examples</c>, annotations) are data.</summary>
        private static JsonNode Data(JsonNode node, string pointer) => JsonNodeCopy.At(node, pointer);
    }
}
