namespace Alexandria.Generators.Tests.Types;

/// <summary>
/// Unions that cannot be closed unions (abstract bases their cases derive from) and so wrap their cases: mixed JSON
/// types, records already claimed by another union, objects only validators tell apart, <c>anyOf</c> and <c>oneOf</c>.
/// </summary>
public static class WrapperUnionSchemas
{
    public const string Path = "/repo/contracts/chat.json";

    public const string Chat = """
        {
          "$defs": {
            "text_part": {
              "type": "object", "required": ["type", "text"],
              "properties": { "type": { "const": "text" }, "text": { "type": "string" } }
            },
            "image_part": {
              "type": "object", "required": ["type", "url"],
              "properties": { "type": { "type": "string", "enum": ["image"] }, "url": { "type": "string", "format": "uri" } }
            },
            "part": { "oneOf": [ { "$ref": "#/$defs/text_part" }, { "$ref": "#/$defs/image_part" } ] },
            "user_part": {
              "description": "The same records as part: they derive from part already, so this union wraps them.",
              "oneOf": [ { "$ref": "#/$defs/text_part" }, { "$ref": "#/$defs/image_part" } ]
            },
            "point2": {
              "type": "object", "required": ["x", "y"], "additionalProperties": false,
              "properties": { "x": { "type": "number" }, "y": { "type": "number" } }
            },
            "point3": {
              "type": "object", "required": ["x", "y", "z"], "additionalProperties": false,
              "properties": { "x": { "type": "number" }, "y": { "type": "number" }, "z": { "type": "number" } }
            },
            "point": { "oneOf": [ { "$ref": "#/$defs/point2" }, { "$ref": "#/$defs/point3" } ] },
            "loose": {
              "anyOf": [
                { "$ref": "#/$defs/point2" },
                { "type": "object", "required": ["x"], "properties": { "x": { "type": "number" } } }
              ]
            },
            "either": {
              "oneOf": [
                { "type": "object", "required": ["a"], "properties": { "a": { "type": "integer" } } },
                { "type": "object", "required": ["b"], "properties": { "b": { "type": "integer" } } }
              ]
            },
            "message": {
              "type": "object", "required": ["content"],
              "properties": {
                "content": { "anyOf": [ { "type": "string" }, { "type": "array", "items": { "$ref": "#/$defs/part" } } ] },
                "limit": { "oneOf": [ { "type": "integer", "minimum": 1 }, { "type": "string", "enum": ["inf"] }, { "type": "null" } ] },
                "tags": { "anyOf": [ { "type": "object", "additionalProperties": { "type": "string" } }, { "type": "boolean" } ] },
                "stop": { "oneOf": [ { "type": "string" }, { "type": "array", "items": { "type": "string" }, "maxItems": 4 } ] },
                "where": { "$ref": "#/$defs/point" }
              }
            }
          }
        }
        """;
}
