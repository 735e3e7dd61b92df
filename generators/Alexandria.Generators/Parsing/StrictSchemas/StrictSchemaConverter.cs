using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// Converts one output schema of the contract into one provider's structured-output schema. Every keyword
    /// is kept, written into the description (the provider does not enforce it, the generated validator still
    /// does) or, when dropping it would change what a value means, reported as a located fallback site; a
    /// schema with any fallback site is not exported for that provider. Referenced definitions are converted
    /// once, in depth-first order, which is also how recursion is found.
    /// </summary>
    internal sealed partial class StrictSchemaConverter
    {
        /// <summary>Keywords that only annotate: allowed next to <c>$ref</c>.</summary>
        private static readonly HashSet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "description", "title", "default", "examples", "deprecated", "readOnly", "writeOnly", "$comment",
        };

        private readonly ProviderRules _rules;
        private readonly SchemaDocuments _documents;
        private readonly List<StrictFallbackSite> _fallbacks = new List<StrictFallbackSite>();
        private readonly Dictionary<string, Definition> _definitions = new Dictionary<string, Definition>(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);

        public StrictSchemaConverter(ProviderRules rules, SchemaDocuments documents)
        {
            _rules = rules;
            _documents = documents;
        }

        public StrictConversion Convert(ContractDocument document, JsonNode target)
        {
            var root = new Definition("", converting: true);
            _definitions[Key(document, target)] = root;
            var schema = ConvertSchema(document, target);
            root.Schema = schema;
            root.Converting = false;

            if (_rules.RootMustBeObject && (schema.StringOf("type") != "object" || schema["anyOf"] is not null || schema["$ref"] is not null))
            {
                FailAt(document, target, "type", "the root of a " + _rules.Name + " schema must be a single object schema (not a union, a reference or another type)");
            }

            if (_fallbacks.Count > 0)
            {
                return new StrictConversion(null, _fallbacks.OrderBy(f => f.Location.Start).ThenBy(f => f.Pointer, StringComparer.Ordinal).ToList());
            }

            // Only definitions still referenced (inlining may have left some unused), found transitively.
            var output = schema.Clone();
            var byName = _definitions.Values.Where(d => d.Name.Length > 0).ToDictionary(d => d.Name, StringComparer.Ordinal);
            var used = new SortedSet<string>(StringComparer.Ordinal);
            CollectReferences(output, used);
            var scanned = new HashSet<string>(StringComparer.Ordinal);
            while (used.FirstOrDefault(n => !scanned.Contains(n)) is { } next)
            {
                scanned.Add(next);
                CollectReferences(byName[next].Schema!, used);
            }

            if (used.Count > 0)
            {
                var definitions = new ExportObject();
                foreach (var name in used)
                {
                    definitions.Set(name, byName[name].Schema!);
                }

                output.Set("$defs", definitions);
            }

            return new StrictConversion(output, Array.Empty<StrictFallbackSite>());
        }

        private ExportObject ConvertSchema(ContractDocument document, JsonNode node)
        {
            switch (node)
            {
                case JsonObject schema:
                    return ConvertObjectSchema(document, schema);
                case JsonLiteral { Kind: JsonNodeKind.True }:
                    if (_rules.TypeRequired)
                    {
                        FailAt(document, node, "true", "the schema 'true' accepts any JSON value; " + _rules.Name + " needs every schema to name its type");
                    }

                    return new ExportObject();
                default:
                    FailAt(document, node, node.Kind == JsonNodeKind.False ? "false" : "(schema)", "a schema that accepts no value (or is not a schema) cannot be exported");
                    return new ExportObject();
            }
        }

        private ExportObject ConvertObjectSchema(ContractDocument document, JsonObject schema)
        {
            var reference = schema.GetProperty("$ref");
            if (reference is not null)
            {
                return ConvertReference(document, schema, reference);
            }

            var allOf = schema.GetProperty("allOf");
            if (allOf is not null)
            {
                if (!AllOfFlattener.TryFlatten(schema, allOf, _documents, document, out var merged))
                {
                    Fail(document, schema, allOf, "allOf can be exported only when its branches are plain object schemas whose properties merge without conflict; these do not");
                    return new ExportObject();
                }

                schema = merged;
            }

            var result = new ExportObject();
            var described = new List<string>();
            ConvertKeywords(document, schema, result, described);
            if (IsObjectSchema(schema))
            {
                ConvertObjectMembers(document, schema, result);
            }

            InferType(document, schema, result);
            if (described.Count > 0)
            {
                var text = schema.GetString("description") ?? "";
                result.Set("description", ExportJson.String(text + (text.Length > 0 ? " " : "") + "(" + string.Join("; ", described) + ")"));
            }

            return result;
        }

        private ExportObject ConvertReference(ContractDocument document, JsonObject schema, JsonProperty reference)
        {
            foreach (var sibling in schema.Properties.Where(p => p.Name != "$ref" && !Annotations.Contains(p.Name) && !p.Name.StartsWith("x-", StringComparison.Ordinal)))
            {
                Fail(document, schema, sibling, "'" + sibling.Name + "' next to $ref applies together with the referenced schema, which no provider evaluates; move it into the referenced definition");
            }

            if (reference.Value is not JsonString target
                || !_documents.TryResolve(document, target.Value, out var targetDocument, out var targetNode, out var reason))
            {
                Fail(document, schema, reference, reference.Value is JsonString ? "the reference does not resolve" : "$ref must be a string");
                return new ExportObject();
            }

            var key = Key(targetDocument, targetNode);
            if (!_definitions.TryGetValue(key, out var definition))
            {
                definition = new Definition(AllocateName(targetNode), converting: true);
                _definitions[key] = definition;
                definition.Schema = ConvertSchema(targetDocument, targetNode);
                definition.Converting = false;
            }
            else if (definition.Converting && !_rules.AllowsRecursion)
            {
                Fail(document, schema, reference, "'" + target.Value + "' leads back to a definition that contains it; " + _rules.Name + " does not accept recursive schemas");
            }

            var output = new ExportObject();
            output.Set("$ref", ExportJson.String(definition.Name.Length == 0 ? "#" : "#/$defs/" + definition.Name));
            var annotations = schema.Properties.Where(p => p.Name is "description" or "title" && p.Value is JsonString).ToList();
            if (annotations.Count == 0)
            {
                return output;
            }

            if (_rules.AllowsRefSiblings)
            {
                annotations.ForEach(a => output.Set(a.Name, ExportJson.Copy(a.Value)));
                return output;
            }

            // A $ref may not carry siblings here ([OA-NODE]): the definition is inlined so its description at this
            // use survives; at a recursive use there is nothing finished to inline, and the description is dropped.
            if (definition.Converting || definition.Schema is null)
            {
                return output;
            }

            var inlined = definition.Schema.Clone();
            annotations.ForEach(a => inlined.Set(a.Name, ExportJson.Copy(a.Value)));
            return inlined;
        }

        private string AllocateName(JsonNode target)
        {
            var pointer = target.Pointer;
            var last = pointer.Substring(pointer.LastIndexOf('/') + 1).Replace("~1", "/").Replace("~0", "~");
            var name = ProviderSafeName(last);
            var candidate = name;
            for (var i = 2; !_names.Add(candidate); i++)
            {
                candidate = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>a-z A-Z 0-9 _ - and at most 64 characters: what OpenAI accepts as a schema name ([OA-SO]), safe for all three.</summary>
        public static string ProviderSafeName(string name)
        {
            var builder = new StringBuilder();
            foreach (var c in name)
            {
                builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
            }

            var safe = builder.Length == 0 ? "output" : builder.ToString();
            return safe.Length > 64 ? safe.Substring(0, 64) : safe;
        }

        private static void CollectReferences(ExportJson node, ISet<string> used)
        {
            switch (node)
            {
                case ExportObject obj:
                    foreach (var member in obj.Members)
                    {
                        if (member.Key == "$ref" && obj.StringOf("$ref") is { } target && target.StartsWith("#/$defs/", StringComparison.Ordinal))
                        {
                            used.Add(target.Substring("#/$defs/".Length));
                        }
                        else
                        {
                            CollectReferences(member.Value, used);
                        }
                    }

                    break;
                case ExportArray array:
                    array.Items.ForEach(item => CollectReferences(item, used));
                    break;
            }
        }

        private static string Key(ContractDocument document, JsonNode node) => document.File.FileName + "#" + node.Pointer;

        private void Fail(ContractDocument document, JsonObject owner, JsonProperty keyword, string why)
            => _fallbacks.Add(new StrictFallbackSite(
                keyword.Name,
                document.File.FileName + "#" + owner.Pointer + "/" + JsonDocumentParser.EscapePointerToken(keyword.Name),
                document.LocateName(keyword),
                why));

        private void FailAt(ContractDocument document, JsonNode node, string keyword, string why)
            => _fallbacks.Add(new StrictFallbackSite(keyword, document.File.FileName + "#" + node.Pointer, document.Locate(node), why));

        private sealed class Definition
        {
            public Definition(string name, bool converting)
            {
                Name = name;
                Converting = converting;
            }

            /// <summary>The key in the exported <c>$defs</c>; empty for the root, referenced as <c>#</c>.</summary>
            public string Name { get; }

            public bool Converting { get; set; }

            public ExportObject? Schema { get; set; }
        }
    }
}
