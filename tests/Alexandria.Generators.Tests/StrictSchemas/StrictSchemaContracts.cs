using System.Linq;
using Alexandria.Generators.Parsing.Prompts;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>Synthetic schema contracts and a manifest with one prompt per definition, to exercise the export keyword by keyword.</summary>
internal static class StrictSchemaContracts
{
    public const string SchemaPath = "/repo/contracts/output_schema.json";
    public const string ManifestPath = "/repo/contracts/prompts_manifest.json";

    /// <summary>
    /// Definitions every provider (or OpenAI strict at least) can express: bounds, formats, patterns, optional members at
    /// every depth, $ref reuse, a contract-nullable optional member, a const-discriminated oneOf, a kind-distinguished
    /// anyOf, a flattenable allOf and recursion.
    /// </summary>
    public const string Exportable = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "flat": {
              "type": "object",
              "description": "Bounds and formats.",
              "properties": {
                "name": { "type": "string", "minLength": 1, "maxLength": 8 },
                "count": { "type": "integer", "minimum": 1, "maximum": 9 },
                "ratio": { "type": "number", "exclusiveMinimum": 0, "maximum": 1 },
                "mode": { "type": "string", "enum": ["fast", "slow"] },
                "flag": { "type": "boolean" },
                "tags": { "type": "array", "items": { "type": "string", "maxLength": 4 }, "minItems": 2, "maxItems": 4, "uniqueItems": false },
                "at": { "type": "string", "format": "date-time" },
                "code": { "type": "string", "pattern": "^[a-z]{3}$" },
                "level": { "enum": [1, 2, 3] }
              },
              "required": ["name"],
              "additionalProperties": false
            },
            "address": {
              "type": "object",
              "properties": {
                "street": { "type": "string" },
                "zip": { "type": "string", "minLength": 5, "maxLength": 5 }
              },
              "required": ["street"],
              "additionalProperties": false
            },
            "nested": {
              "type": "object",
              "properties": {
                "home": { "$ref": "#/$defs/address", "description": "Where they live." },
                "work": { "$ref": "#/$defs/address" },
                "history": { "type": "array", "items": { "$ref": "#/$defs/address" } },
                "note": { "type": ["string", "null"], "description": "Null is the contract's own value here." },
                "inner": {
                  "type": "object",
                  "properties": { "deep": { "type": "object", "properties": { "leaf": { "type": "integer" } }, "additionalProperties": false } },
                  "additionalProperties": false
                }
              },
              "required": ["home"],
              "additionalProperties": false
            },
            "shape": {
              "oneOf": [
                {
                  "type": "object",
                  "properties": { "kind": { "const": "circle" }, "radius": { "type": "number", "minimum": 0 }, "label": { "type": "string" } },
                  "required": ["kind", "radius"],
                  "additionalProperties": false
                },
                {
                  "type": "object",
                  "properties": { "kind": { "const": "square" }, "side": { "type": "number" }, "label": { "type": "string" }, "corner": { "$ref": "#/$defs/address" } },
                  "required": ["kind", "side"],
                  "additionalProperties": false
                }
              ]
            },
            "drawing": {
              "type": "object",
              "properties": {
                "shapes": { "type": "array", "items": { "$ref": "#/$defs/shape" }, "minItems": 1 },
                "focus": { "$ref": "#/$defs/shape" },
                "caption": { "anyOf": [ { "type": "string" }, { "$ref": "#/$defs/address" } ] }
              },
              "required": ["shapes"],
              "additionalProperties": false
            },
            "named": {
              "type": "object",
              "properties": { "id": { "type": "string", "format": "uuid" }, "alias": { "type": "string" } },
              "required": ["id"]
            },
            "merged": {
              "allOf": [
                { "$ref": "#/$defs/named" },
                { "type": "object", "properties": { "weight": { "type": "integer" } }, "required": ["weight"] }
              ]
            },
            "tree": {
              "type": "object",
              "properties": {
                "name": { "type": "string" },
                "children": { "type": "array", "items": { "$ref": "#/$defs/tree" } }
              },
              "required": ["name"],
              "additionalProperties": false
            }
          }
        }
        """;

    public static readonly string[] ExportableDefinitions = ["flat", "nested", "drawing", "merged", "tree"];

    /// <summary>The exportable definitions compiled once for the tests that only read them.</summary>
    public static readonly System.Lazy<CompiledOutputSchemas> CompiledExportable = new(() => CompiledOutputSchemas.From(Harness(Exportable, ExportableDefinitions).Run()));

    /// <summary>A manifest with one prompt per named definition of output_schema.json, in order.</summary>
    public static string Manifest(params string[] definitions)
    {
        const string Template = "Reply with one JSON object.";
        var hash = TemplateHash.Compute(Template);
        var prompts = definitions.Select(d => $$"""
                {
                  "id": "{{d}}",
                  "version": "1.0.0",
                  "kind": "model_prompt",
                  "role": "system",
                  "template": "{{Template}}",
                  "template_sha256": "{{hash}}",
                  "variables": [],
                  "output_schema": { "$ref": "output_schema.json#/$defs/{{d}}" },
                  "cache_breakpoints": []
                }
            """);
        return "{\n  \"manifest_version\": \"1.0.0\",\n  \"prompts\": [\n" + string.Join(",\n", prompts) + "\n  ]\n}\n";
    }

    public static GeneratorHarness Harness(string schema, params string[] definitions)
        => new GeneratorHarness()
            .WithContract(SchemaPath, schema)
            .WithContract(ManifestPath, Manifest(definitions));

    /// <summary>The accessor class of a prompt id, as the generator names it.</summary>
    public static string ClassName(string id) => Alexandria.Generators.Emitting.CSharpNaming.ToPascalCase(id) + "Prompt";
}
