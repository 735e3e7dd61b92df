namespace Alexandria.Generators.Tests.Types;

/// <summary>Small contracts that exercise every shape the types area handles, shared by the type and serialization tests.</summary>
public static class SyntheticSchemas
{
    public const string DrawingPath = "/repo/contracts/drawing.json";

    /// <summary>
    /// Enum, primitive alias, allOf-flattened union cases with a discriminator that is not the first member,
    /// flags, nullable members, formats, inline objects, lists, maps, open objects and a nullable enum.
    /// </summary>
    public const string Drawing = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "color": { "type": "string", "enum": ["deep_red", "light-blue", "CT-1"], "description": "A color." },
            "sha256": { "type": "string", "pattern": "^[a-f0-9]{64}$" },
            "envelope": {
              "type": "object",
              "properties": {
                "id": { "type": "string", "format": "uuid" },
                "shape": { "type": "string" },
                "at": { "type": "string", "format": "date-time" },
                "tags": { "type": "array", "items": { "type": "string" } }
              },
              "required": ["id", "shape", "at", "tags"]
            },
            "circle": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": {
                "shape": { "const": "circle" },
                "radius": { "type": "number" },
                "hash": { "$ref": "#/$defs/sha256" }
              },
              "required": ["shape", "radius"],
              "unevaluatedProperties": false,
              "x-alexandria-round": true
            },
            "square": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": {
                "shape": { "const": "square" },
                "side": { "type": "integer" },
                "color": { "$ref": "#/$defs/color" }
              },
              "required": ["shape", "side", "color"],
              "unevaluatedProperties": false,
              "x-alexandria-round": false
            },
            "shape": {
              "description": "A shape, told apart by its shape member.",
              "oneOf": [{ "$ref": "#/$defs/circle" }, { "$ref": "#/$defs/square" }]
            },
            "drawing": {
              "type": "object",
              "description": "A drawing & its <parts>.",
              "properties": {
                "title": { "type": ["string", "null"], "description": "Title, null when untitled." },
                "shapes": { "type": "array", "items": { "$ref": "#/$defs/shape" } },
                "origin": { "type": "object", "properties": { "x": { "type": "integer" }, "y": { "type": "integer" } }, "required": ["x", "y"] },
                "layers": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] } },
                "scores": { "type": "object", "additionalProperties": { "type": "number" } },
                "metadata": { "type": "object" },
                "homepage": { "type": "string", "format": "uri" },
                "link": { "type": "string", "format": "uri-reference" },
                "day": { "type": "string", "format": "date" },
                "visible": { "type": "boolean" },
                "favorite": { "anyOf": [{ "$ref": "#/$defs/color" }, { "type": "null" }] },
                "extra": {}
              },
              "required": ["title", "shapes", "origin"],
              "additionalProperties": false
            }
          }
        }
        """;

    public const string CommonPath = "/repo/contracts/common.json";

    public const string Common = """
        {
          "$defs": {
            "currency": { "type": "string", "enum": ["eur", "usd"] },
            "sha256": { "type": "string", "pattern": "^[a-f0-9]{64}$" },
            "money": {
              "type": "object",
              "properties": { "amount": { "type": "number" }, "currency": { "$ref": "#/$defs/currency" } },
              "required": ["amount", "currency"]
            }
          }
        }
        """;

    public const string OrderPath = "/repo/contracts/order.json";

    public const string Order = """
        {
          "$defs": {
            "order": {
              "type": "object",
              "properties": {
                "total": { "$ref": "common.json#/$defs/money" },
                "hash": { "$ref": "common.json#/$defs/sha256" },
                "accepted": { "type": "array", "items": { "$ref": "https://example.com/schemas/common.json#/$defs/currency" } }
              },
              "required": ["total", "hash", "accepted"]
            }
          }
        }
        """;
}
