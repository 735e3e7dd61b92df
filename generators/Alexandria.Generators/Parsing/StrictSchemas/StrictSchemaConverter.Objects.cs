using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// Objects: every exported object is closed (<c>additionalProperties: false</c>), which only narrows an
    /// object that declares its members; a free-form map cannot be closed without allowing only <c>{}</c>.
    /// Under OpenAI strict every member is required, an optional one made nullable and remembered so the
    /// reply mapping can turn its null back into an absent member.
    /// </summary>
    internal sealed partial class StrictSchemaConverter
    {
        private void ConvertObjectMembers(ContractDocument document, JsonObject schema, ExportObject result)
        {
            var declared = schema["properties"] as JsonObject;
            var additional = schema.GetProperty("additionalProperties");
            var closed = additional?.Value.Kind == JsonNodeKind.False;
            if (!closed && (declared is null || declared.Properties.Count == 0))
            {
                if (_rules.ClosedObjectsOnly)
                {
                    // The keyword at fault is additionalProperties (absent or not false); the squiggle goes where it is, or on type.
                    var at = additional ?? schema.GetProperty("type");
                    _fallbacks.Add(new StrictFallbackSite(
                        "additionalProperties",
                        document.File.FileName + "#" + schema.Pointer + (additional is null ? "" : "/additionalProperties"),
                        at is null ? document.Locate(schema) : document.LocateName(at),
                        "this object declares no properties and allows any member (a free-form object); " + _rules.Name + " needs additionalProperties:false on every object, which would allow only {}"));
                    return;
                }

                // Ollama: llama.cpp builds any object for a bare object and a map for a schema-valued additionalProperties ([LCPP]).
                if (additional?.Value is JsonObject valueSchema)
                {
                    result.Set("additionalProperties", ConvertSchema(document, valueSchema));
                }

                return;
            }

            var required = schema["required"] is JsonArray list ? list.Items.OfType<JsonString>().Select(s => s.Value).ToList() : new List<string>();
            var properties = new ExportObject();
            var requiredOut = new ExportArray();
            foreach (var member in declared?.Properties ?? Array.Empty<JsonProperty>())
            {
                if (member.Value.Kind == JsonNodeKind.False)
                {
                    // A forbidden member: a closed object already forbids it.
                    continue;
                }

                var converted = ConvertSchema(document, member.Value);
                var isRequired = required.Contains(member.Name);
                if (!isRequired && _rules.RequireAllProperties)
                {
                    converted = MakeNullable(converted, out var forced);
                    if (forced)
                    {
                        result.ForcedNullable.Add(member.Name);
                    }

                    isRequired = true;
                }

                properties.Set(member.Name, converted);
                if (isRequired)
                {
                    requiredOut.Items.Add(ExportJson.String(member.Name));
                }
            }

            var undeclared = required.Where(r => declared?[r] is null).ToList();
            if (undeclared.Count > 0)
            {
                Fail(document, schema, schema.GetProperty("required")!, "'" + undeclared[0] + "' is required but not declared in properties, so a closed object could never hold it");
            }

            result.Set("properties", properties);
            if (requiredOut.Items.Count > 0 || _rules.RequireAllProperties)
            {
                result.Set("required", requiredOut);
            }

            result.Set("additionalProperties", ExportRaw.False);
        }

        /// <summary>
        /// The OpenAI way to write an optional member ([OA-SO]): required, and null allowed. <paramref name="forced"/>
        /// is false when the contract already admits null there, so a null in a reply is the contract's own null.
        /// </summary>
        private static ExportObject MakeNullable(ExportObject schema, out bool forced)
        {
            forced = !AdmitsNull(schema);
            if (!forced)
            {
                return schema;
            }

            var type = schema["type"];
            if (type is not null && schema["$ref"] is null && schema["anyOf"] is null && schema["const"] is null)
            {
                var nullable = schema.Clone();
                nullable.Set("type", Append(type, ExportJson.String("null")));
                if (schema["enum"] is { } values)
                {
                    nullable.Set("enum", Append(values, ExportRaw.Null));
                }

                return nullable;
            }

            var nullBranch = new ExportObject();
            nullBranch.Set("type", ExportJson.String("null"));
            if (schema["anyOf"] is ExportArray union && schema["$ref"] is null && type is null)
            {
                // Already a union: null becomes one more branch rather than a union of a union.
                var widened = schema.Clone();
                var branchesWithNull = new ExportArray();
                branchesWithNull.Items.AddRange(union.Items);
                branchesWithNull.Items.Add(nullBranch);
                widened.Set("anyOf", branchesWithNull);
                return widened;
            }

            var inner = schema.Clone();
            var wrapper = new ExportObject();
            if (schema["description"] is { } description && schema["$ref"] is null)
            {
                inner.Remove("description");
                wrapper.Set("description", description);
            }

            var branches = new ExportArray();
            branches.Items.Add(inner);
            branches.Items.Add(nullBranch);
            wrapper.Set("anyOf", branches);
            return wrapper;
        }

        private static bool AdmitsNull(ExportObject schema)
        {
            if (ExportJson.TypeNames(schema["type"]).Contains("null"))
            {
                return true;
            }

            if (schema["const"] is ExportRaw { Json: "null" } || (schema["enum"] is ExportRaw values && JsonDocumentParser.Parse(values.Json, out _) is JsonArray items && items.Items.Any(i => i.Kind == JsonNodeKind.Null)))
            {
                return schema["type"] is null;
            }

            return schema["anyOf"] is ExportArray branches && branches.Items.OfType<ExportObject>().Any(AdmitsNull);
        }

        private static ExportArray Append(ExportJson arrayOrValue, ExportJson item)
        {
            var array = new ExportArray();
            if (arrayOrValue is ExportArray existing)
            {
                array.Items.AddRange(existing.Items);
            }
            else if (arrayOrValue is ExportRaw raw && raw.Json.StartsWith("[", StringComparison.Ordinal))
            {
                // A copied array value (an enum list): keep its items as written.
                foreach (var value in ((JsonArray)JsonDocumentParser.Parse(raw.Json, out _)).Items)
                {
                    array.Items.Add(ExportJson.Copy(value));
                }
            }
            else
            {
                array.Items.Add(arrayOrValue);
            }

            array.Items.Add(item);
            return array;
        }
    }
}
