using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Checks each keyword's value against what the JSON Schema meta-schema allows (ALX0104 at the offending value),
    /// so an invalid schema fails the build where it is wrong instead of being silently ignored or generating code
    /// that fails at run time (<c>multipleOf: 0</c> would divide by zero). Also reports a repeated <c>enum</c> value
    /// (ALX0122): allowed by the meta-schema's "SHOULD be unique", but always a mistake. Keywords the contract's draft
    /// does not know are ALX0102's, not checked here.
    /// </summary>
    internal static class KeywordValueScanner
    {
        private static readonly HashSet<string> SimpleTypes = new HashSet<string> { "array", "boolean", "integer", "null", "number", "object", "string" };

        private static readonly HashSet<string> Counts = new HashSet<string>
        {
            "maxLength", "minLength", "maxItems", "minItems", "maxContains", "minContains", "maxProperties", "minProperties",
        };

        private static readonly HashSet<string> Strings = new HashSet<string>
        {
            "$schema", "$id", "id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$comment",
            "title", "description", "pattern", "format", "contentEncoding", "contentMediaType",
        };

        private static readonly HashSet<string> Booleans = new HashSet<string>
        {
            "uniqueItems", "deprecated", "readOnly", "writeOnly", "$recursiveAnchor", "nullable",
        };

        public static void Scan(ContractDocument document, List<DiagnosticInfo> diagnostics)
        {
            var draft = UnsupportedKeywordScanner.DraftOf(document);
            SubschemaWalk.Visit(document.Root, keyword => StandardKeywords.IsKnown(draft, keyword), schema =>
            {
                foreach (var keyword in schema.Properties)
                {
                    if (StandardKeywords.IsKnown(draft, keyword.Name))
                    {
                        Check(document, draft, keyword, diagnostics);
                    }
                }
            });
        }

        private static void Check(ContractDocument document, SchemaDraft draft, JsonProperty keyword, List<DiagnosticInfo> diagnostics)
        {
            var name = keyword.Name;
            var value = keyword.Value;
            var report = new Reporter(document, name, diagnostics);

            if (Strings.Contains(name))
            {
                if (value is not JsonString) report.At(value, "it must be a string");
            }
            else if (Booleans.Contains(name))
            {
                if (value.Kind is not (JsonNodeKind.True or JsonNodeKind.False)) report.At(value, "it must be true or false");
            }
            else if (Counts.Contains(name))
            {
                if (!IsCount(value)) report.At(value, "it must be a non-negative integer");
            }
            else if (name is "multipleOf")
            {
                if (value is not JsonNumber divisor || !(Parse(divisor) > 0)) report.At(value, "it must be a number greater than 0");
            }
            else if (name is "minimum" or "maximum")
            {
                if (value is not JsonNumber) report.At(value, "it must be a number");
            }
            else if (name is "exclusiveMinimum" or "exclusiveMaximum")
            {
                var flag = draft == SchemaDraft.Draft4;
                if (flag ? value.Kind is not (JsonNodeKind.True or JsonNodeKind.False) : value is not JsonNumber)
                {
                    report.At(value, flag ? "in draft-04 it must be true or false" : "it must be a number");
                }
            }
            else if (name is "type")
            {
                CheckType(value, report);
            }
            else if (name is "enum")
            {
                CheckEnum(document, draft, value, report, diagnostics);
            }
            else if (name is "required")
            {
                CheckStringSet(value, report);
            }
            else if (name is "dependentRequired" or "dependencies")
            {
                CheckDependencies(value, name == "dependencies", report);
            }
            else if (name is "allOf" or "anyOf" or "oneOf" or "prefixItems")
            {
                CheckSchemaList(value, report);
            }
            else if (name is "items" && value is JsonArray && draft < SchemaDraft.Draft202012)
            {
                CheckSchemaList(value, report, allowEmpty: true);
            }
            else if (StandardKeywords.SingleSchema.Contains(name))
            {
                CheckSchema(value, report);
            }
            else if (StandardKeywords.SchemaMap.Contains(name) && name != "dependencies")
            {
                CheckSchemaMap(value, report);
            }
            else if (name is "examples")
            {
                if (value is not JsonArray) report.At(value, "it must be an array");
            }
            else if (name is "$vocabulary" or "discriminator" or "xml" or "externalDocs")
            {
                if (value is not JsonObject) report.At(value, "it must be an object");
            }
        }

        /// <summary>Reports ALX0104 for one keyword. A struct, not a closure: made for every keyword checked, used for the few that are wrong.</summary>
        private readonly struct Reporter
        {
            private readonly ContractDocument _document;
            private readonly string _keyword;
            private readonly List<DiagnosticInfo> _diagnostics;

            public Reporter(ContractDocument document, string keyword, List<DiagnosticInfo> diagnostics)
            {
                _document = document;
                _keyword = keyword;
                _diagnostics = diagnostics;
            }

            public void At(JsonNode at, string reason) => _diagnostics.Add(_document.Diagnostic(DiagnosticDescriptors.InvalidKeywordValue, at, _keyword, reason));
        }

        private static void CheckType(JsonNode value, Reporter report)
        {
            if (value is JsonString single)
            {
                if (!SimpleTypes.Contains(single.Value)) report.At(value, "'" + single.Value + "' is not a JSON type (" + string.Join(", ", SimpleTypes) + ")");
                return;
            }

            if (value is not JsonArray many || many.Items.Count == 0)
            {
                report.At(value, "it must be a type name or a non-empty array of type names");
                return;
            }

            var seen = new HashSet<string>();
            foreach (var item in many.Items)
            {
                if (item is not JsonString type || !SimpleTypes.Contains(type.Value))
                {
                    report.At(item, (item is JsonString s ? "'" + s.Value + "'" : "a non-string") + " is not a JSON type (" + string.Join(", ", SimpleTypes) + ")");
                }
                else if (!seen.Add(type.Value))
                {
                    report.At(item, "'" + type.Value + "' is listed twice");
                }
            }
        }

        private static void CheckEnum(ContractDocument document, SchemaDraft draft, JsonNode value, Reporter report, List<DiagnosticInfo> diagnostics)
        {
            if (value is not JsonArray values)
            {
                report.At(value, "it must be an array of the allowed values");
                return;
            }

            if (values.Items.Count == 0)
            {
                // Draft 4's meta-schema requires a value; later drafts allow none (the suite tests it), so there it is a warning.
                if (draft == SchemaDraft.Draft4)
                {
                    report.At(value, "an empty enum accepts no value at all");
                }
                else
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.EmptyEnum, value));
                }

                return;
            }

            var seen = new HashSet<string>();
            foreach (var item in values.Items)
            {
                if (!seen.Add(JsonText.Write(item)))
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.DuplicateEnumValue, item, JsonText.Write(item)));
                }
            }
        }

        private static void CheckStringSet(JsonNode value, Reporter report)
        {
            if (value is not JsonArray names)
            {
                report.At(value, "it must be an array of property names");
                return;
            }

            var seen = new HashSet<string>();
            foreach (var item in names.Items)
            {
                if (item is not JsonString name)
                {
                    report.At(item, "every item must be a property name (a string)");
                }
                else if (!seen.Add(name.Value))
                {
                    report.At(item, "'" + name.Value + "' is listed twice");
                }
            }
        }

        private static void CheckDependencies(JsonNode value, bool schemasAllowed, Reporter report)
        {
            if (value is not JsonObject map)
            {
                report.At(value, "it must be an object");
                return;
            }

            foreach (var entry in map.Properties)
            {
                if (entry.Value is JsonArray)
                {
                    CheckStringSet(entry.Value, report);
                }
                else if (schemasAllowed)
                {
                    CheckSchema(entry.Value, report);
                }
                else
                {
                    report.At(entry.Value, "each member must be an array of property names");
                }
            }
        }

        private static void CheckSchemaList(JsonNode value, Reporter report, bool allowEmpty = false)
        {
            if (value is not JsonArray list || (list.Items.Count == 0 && !allowEmpty))
            {
                report.At(value, "it must be a non-empty array of schemas");
                return;
            }

            foreach (var item in list.Items)
            {
                CheckSchema(item, report);
            }
        }

        private static void CheckSchemaMap(JsonNode value, Reporter report)
        {
            if (value is not JsonObject map)
            {
                report.At(value, "it must be an object whose members are schemas");
                return;
            }

            foreach (var entry in map.Properties)
            {
                CheckSchema(entry.Value, report);
            }
        }

        private static void CheckSchema(JsonNode value, Reporter report)
        {
            if (value.Kind is not (JsonNodeKind.Object or JsonNodeKind.True or JsonNodeKind.False))
            {
                report.At(value, "a schema must be an object or a boolean");
            }
        }

        private static bool IsCount(JsonNode value)
            => value is JsonNumber number && Parse(number) is double count && count >= 0 && System.Math.Floor(count) == count;

        private static double? Parse(JsonNumber number)
            => double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null;
    }
}
