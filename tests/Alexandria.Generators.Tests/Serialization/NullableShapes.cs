using System.Collections.Generic;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>
/// A contract with one optional member per nullable shape the types area emits, so explicit null vs absent is tested
/// for each: <c>["T","null"]</c> for every scalar and format, <c>anyOf</c>/<c>oneOf</c> with a null branch over a
/// record, an enum and a union, a <c>$ref</c> to a nullable definition (alias, enum with null, union with a null
/// branch), an inline enum listing null, nullable arrays, maps and inline objects, OpenAPI 3.0's <c>nullable</c>, and a
/// member every union case shares (declared on the union base).
/// </summary>
public static class NullableShapes
{
    public const string Path = "/repo/contracts/shapes.json";

    public const string Json = "ShapesJson";

    public const string Contract = """
        {
          "$defs": {
            "mood": { "type": "string", "enum": ["calm", "busy"] },
            "maybe_mood": { "enum": ["calm", "busy", null] },
            "nullable_text": { "type": ["string", "null"] },
            "point": { "type": "object", "properties": { "x": { "type": "integer" } }, "required": ["x"], "additionalProperties": false },
            "cat": {
              "type": "object",
              "properties": { "kind": { "const": "cat" }, "lives": { "type": "integer" }, "nickname": { "type": ["string", "null"] } },
              "required": ["kind", "lives"]
            },
            "dog": {
              "type": "object",
              "properties": { "kind": { "const": "dog" }, "good": { "type": "boolean" }, "nickname": { "type": ["string", "null"] } },
              "required": ["kind", "good"]
            },
            "pet": { "oneOf": [{ "$ref": "#/$defs/cat" }, { "$ref": "#/$defs/dog" }] },
            "square": { "type": "object", "properties": { "form": { "const": "square" }, "side": { "type": "number" } }, "required": ["form", "side"] },
            "circle": { "type": "object", "properties": { "form": { "const": "circle" }, "radius": { "type": "number" } }, "required": ["form", "radius"] },
            "maybe_figure": { "oneOf": [{ "$ref": "#/$defs/square" }, { "$ref": "#/$defs/circle" }, { "type": "null" }] },
            "holder": {
              "type": "object",
              "properties": {
                "required_nullable": { "type": ["string", "null"] },
                "optional_plain": { "type": "string" },
                "text": { "type": ["string", "null"] },
                "count": { "type": ["integer", "null"] },
                "ratio": { "type": ["number", "null"] },
                "flag": { "type": ["boolean", "null"] },
                "id": { "type": ["string", "null"], "format": "uuid" },
                "at": { "type": ["string", "null"], "format": "date-time" },
                "day": { "type": ["string", "null"], "format": "date" },
                "link": { "type": ["string", "null"], "format": "uri" },
                "ref_or_null": { "anyOf": [{ "$ref": "#/$defs/point" }, { "type": "null" }] },
                "one_of_or_null": { "oneOf": [{ "$ref": "#/$defs/point" }, { "type": "null" }] },
                "enum_or_null": { "anyOf": [{ "$ref": "#/$defs/mood" }, { "type": "null" }] },
                "enum_with_null": { "type": ["string", "null"], "enum": ["calm", "busy", null] },
                "nullable_enum_def": { "$ref": "#/$defs/maybe_mood" },
                "nullable_alias": { "$ref": "#/$defs/nullable_text" },
                "list": { "type": ["array", "null"], "items": { "type": "string" } },
                "map": { "type": ["object", "null"], "additionalProperties": { "type": "integer" } },
                "inline_object": { "type": ["object", "null"], "properties": { "a": { "type": "string" } }, "required": ["a"] },
                "union_or_null": { "anyOf": [{ "$ref": "#/$defs/pet" }, { "type": "null" }] },
                "nullable_union_def": { "$ref": "#/$defs/maybe_figure" },
                "openapi_nullable": { "type": "string", "nullable": true },
                "nullable_items": { "type": "array", "items": { "type": ["string", "null"] } },
                "any": {}
              },
              "required": ["required_nullable"],
              "additionalProperties": false
            }
          }
        }
        """;

    /// <summary>Every optional, null-allowing member of <c>holder</c> (C# property, JSON name, a non-null value).</summary>
    public static IEnumerable<(string Property, string JsonName, string Value)> OptionalNullableMembers =>
    [
        ("Text", "text", "\"hello\""),
        ("Count", "count", "3"),
        ("Ratio", "ratio", "1.5"),
        ("Flag", "flag", "false"),
        ("Id", "id", "\"3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23\""),
        ("At", "at", "\"2026-11-23T10:15:00Z\""),
        ("Day", "day", "\"2026-11-23\""),
        ("Link", "link", "\"https://example.com/a\""),
        ("RefOrNull", "ref_or_null", "{\"x\":1}"),
        ("OneOfOrNull", "one_of_or_null", "{\"x\":2}"),
        ("EnumOrNull", "enum_or_null", "\"calm\""),
        ("EnumWithNull", "enum_with_null", "\"busy\""),
        ("NullableEnumDef", "nullable_enum_def", "\"calm\""),
        ("NullableAlias", "nullable_alias", "\"aliased\""),
        ("List", "list", "[\"a\",\"b\"]"),
        ("Map", "map", "{\"k\":1}"),
        ("InlineObject", "inline_object", "{\"a\":\"b\"}"),
        ("UnionOrNull", "union_or_null", "{\"kind\":\"cat\",\"lives\":9}"),
        ("NullableUnionDef", "nullable_union_def", "{\"form\":\"circle\",\"radius\":2}"),
        ("OpenapiNullable", "openapi_nullable", "\"s\""),
    ];

    /// <summary>The one member whose schema the 2020-12 validator reads differently: it ignores OpenAPI 3.0's <c>nullable</c>.</summary>
    public const string ValidatorRejectsNull = "openapi_nullable";
}
