using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Generators.Json;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>The keyword-by-keyword part of the conversion: keep, describe or fall back, per the provider's rules.</summary>
    internal sealed partial class StrictSchemaConverter
    {
        private static readonly HashSet<string> Dropped = new HashSet<string>(StringComparer.Ordinal)
        {
            "$comment", "$schema", "$id", "$anchor", "$dynamicAnchor", "$defs", "definitions", "$vocabulary",
        };

        private static readonly HashSet<string> DescribedAnnotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "examples", "deprecated", "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "contentSchema",
            "minProperties", "maxProperties",
        };

        private void ConvertKeywords(ContractDocument document, JsonObject schema, ExportObject result, List<string> described)
        {
            var types = TypeNames(schema);
            foreach (var keyword in schema.Properties)
            {
                var name = keyword.Name;
                var value = keyword.Value;
                if (ProviderRules.Inexpressible.Contains(name))
                {
                    Fail(document, schema, keyword, _rules.Name + " structured output cannot express '" + name + "', and dropping it would change which values are valid");
                    continue;
                }

                switch (name)
                {
                    case "type":
                    case "title":
                    case "description":
                    case "const":
                        result.Set(name, ExportJson.Copy(value));
                        break;
                    case "enum":
                        if (_rules.PrimitiveEnumsOnly && value is JsonArray values && values.Items.Any(v => v is JsonObject or JsonArray))
                        {
                            Fail(document, schema, keyword, _rules.Name + " accepts enum values that are strings, numbers, booleans or null only");
                        }

                        result.Set(name, ExportJson.Copy(value));
                        break;
                    case "default":
                        if (_rules.KeepsDefault)
                        {
                            result.Set(name, ExportJson.Copy(value));
                        }
                        else
                        {
                            Describe(described, keyword);
                        }

                        break;
                    case "minLength":
                    case "maxLength":
                        Apply(_rules.StringLengths, document, schema, keyword, result, described);
                        break;
                    case "pattern":
                        Apply(value is JsonString p && _rules.AcceptsPattern(p.Value) ? KeywordTreatment.Keep : KeywordTreatment.Describe, document, schema, keyword, result, described);
                        break;
                    case "format":
                        Apply(value is JsonString f && _rules.Formats.Contains(f.Value) ? KeywordTreatment.Keep : KeywordTreatment.Describe, document, schema, keyword, result, described);
                        break;
                    case "minimum":
                    case "maximum":
                    case "exclusiveMinimum":
                    case "exclusiveMaximum":
                    case "multipleOf":
                        ConvertNumericBound(document, schema, keyword, types, result, described);
                        break;
                    case "minItems":
                        var atMostOne = value is JsonNumber n && (n.Text == "0" || n.Text == "1");
                        Apply(atMostOne ? KeywordTreatment.Keep : _rules.MinItemsAboveOne, document, schema, keyword, result, described);
                        if (!atMostOne && _rules.MinItemsAboveOne == KeywordTreatment.Describe)
                        {
                            // Anthropic takes minItems 0 or 1 only ([A-SO]): 1 still keeps the array non-empty.
                            result.Set("minItems", new ExportRaw("1"));
                        }

                        break;
                    case "maxItems":
                        Apply(_rules.MaxItems, document, schema, keyword, result, described);
                        break;
                    case "uniqueItems":
                        if (value.Kind == JsonNodeKind.True)
                        {
                            Apply(_rules.UniqueItems, document, schema, keyword, result, described);
                        }

                        break;
                    case "items":
                        if (value is JsonArray)
                        {
                            Fail(document, schema, keyword, "the array form of items (a tuple) cannot be expressed; use prefixItems-free arrays of one item schema");
                        }
                        else
                        {
                            result.Set("items", ConvertSchema(document, value));
                        }

                        break;
                    case "anyOf":
                    case "oneOf":
                        ConvertUnion(document, schema, keyword, result);
                        break;
                    default:
                        if (DescribedAnnotations.Contains(name))
                        {
                            Describe(described, keyword);
                        }

                        // properties/required/additionalProperties are converted together; $comment, $id, x-* and
                        // keywords outside the 2020-12 vocabularies carry no constraint and are left out.
                        break;
                }
            }
        }

        private void ConvertUnion(ContractDocument document, JsonObject schema, JsonProperty keyword, ExportObject result)
        {
            if (keyword.Value is not JsonArray branches || branches.Items.Count == 0)
            {
                Fail(document, schema, keyword, keyword.Name + " must be a non-empty array of schemas");
                return;
            }

            if (schema["properties"] is not null)
            {
                Fail(document, schema, keyword, "properties next to " + keyword.Name + " in one schema are not combined by provider converters; move the properties into each branch");
                return;
            }

            if (keyword.Name == "oneOf" && !UnionBranches.AreDisjoint(document, branches, _documents))
            {
                Fail(document, schema, keyword, "oneOf is sent as anyOf, which is the same only when no value can match two branches; give the branches a const discriminator or disjoint types");
                return;
            }

            var converted = new ExportArray();
            foreach (var branch in branches.Items)
            {
                converted.Items.Add(ConvertSchema(document, branch));
            }

            result.Set("anyOf", converted);
            result.UnionOrigin = new StrictFallbackSite(
                keyword.Name,
                document.File.FileName + "#" + schema.Pointer + "/" + keyword.Name,
                document.LocateName(keyword),
                "");
        }

        private void ConvertNumericBound(ContractDocument document, JsonObject schema, JsonProperty keyword, IReadOnlyList<string> types, ExportObject result, List<string> described)
        {
            var treatment = _rules.NumericBounds;
            if (_rules.IntegerBoundsOnly && !(types.Count == 1 && types[0] == "integer"))
            {
                treatment = KeywordTreatment.Describe;
            }

            if (treatment == KeywordTreatment.Keep && _rules.IntegerBoundsOnly)
            {
                // llama.cpp knows minimum/maximum on integers ([LCPP]); an integer exclusive bound is the next integer in.
                if (keyword.Name is "exclusiveMinimum" or "exclusiveMaximum" && keyword.Value is JsonNumber { IsInteger: true } bound
                    && long.TryParse(bound.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
                {
                    var inclusive = keyword.Name == "exclusiveMinimum" ? limit + 1 : limit - 1;
                    result.Set(keyword.Name == "exclusiveMinimum" ? "minimum" : "maximum", new ExportRaw(inclusive.ToString(CultureInfo.InvariantCulture)));
                    return;
                }

                if (keyword.Name is not ("minimum" or "maximum"))
                {
                    treatment = KeywordTreatment.Describe;
                }
            }

            Apply(treatment, document, schema, keyword, result, described);
        }

        private void Apply(KeywordTreatment treatment, ContractDocument document, JsonObject schema, JsonProperty keyword, ExportObject result, List<string> described)
        {
            switch (treatment)
            {
                case KeywordTreatment.Keep:
                    result.Set(keyword.Name, ExportJson.Copy(keyword.Value));
                    break;
                case KeywordTreatment.Describe:
                    Describe(described, keyword);
                    break;
                default:
                    Fail(document, schema, keyword, _rules.Name + " structured output rejects '" + keyword.Name + "'");
                    break;
            }
        }

        private static void Describe(List<string> described, JsonProperty keyword)
            => described.Add(keyword.Name + ": " + JsonText.Write(keyword.Value));

        private static IReadOnlyList<string> TypeNames(JsonObject schema) => schema["type"] switch
        {
            JsonString single => new[] { single.Value },
            JsonArray many => many.Items.OfType<JsonString>().Select(s => s.Value).ToArray(),
            _ => Array.Empty<string>(),
        };

        private static bool IsObjectSchema(JsonObject schema)
        {
            var types = TypeNames(schema);
            return types.Contains("object")
                   || (types.Count == 0 && (schema["properties"] is not null || schema["additionalProperties"] is not null || schema["required"] is not null));
        }

        /// <summary>
        /// OpenAI and Anthropic want every schema to name its type: an object implied by its properties gets
        /// <c>type: object</c>, an enum or const gets the types of its values (the same set of values either way).
        /// A schema that still accepts anything falls back there.
        /// </summary>
        private void InferType(ContractDocument document, JsonObject schema, ExportObject result)
        {
            if (!_rules.TypeRequired || result["type"] is not null || result["$ref"] is not null || result["anyOf"] is not null)
            {
                return;
            }

            if (result["properties"] is not null)
            {
                result.Set("type", ExportJson.String("object"));
                return;
            }

            var values = schema["enum"] is JsonArray e ? e.Items : schema["const"] is { } c ? new[] { c } : null;
            if (values is null)
            {
                FailAt(document, schema, "type", "this schema accepts any JSON value; " + _rules.Name + " needs every schema to name its type");
                return;
            }

            var kinds = values.Select(JsonKindName).Distinct().ToList();
            if (kinds.Count == 1)
            {
                result.Set("type", ExportJson.String(kinds[0]));
                return;
            }

            var array = new ExportArray();
            kinds.ForEach(k => array.Items.Add(ExportJson.String(k)));
            result.Set("type", array);
        }

        private static string JsonKindName(JsonNode value) => value switch
        {
            JsonObject => "object",
            JsonArray => "array",
            JsonString => "string",
            JsonNumber n => n.IsInteger ? "integer" : "number",
            _ => value.Kind == JsonNodeKind.Null ? "null" : "boolean",
        };
    }
}
