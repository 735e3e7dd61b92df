using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Where errors land and which come first: a refused member at the member, an unknown discriminator as one error
/// at the discriminator, only the selected branch's errors, and the most specific error first.
/// </summary>
public sealed class ValidatorErrorPlacementTests
{
    private const string Contract = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "line": {
              "type": "object",
              "properties": { "a": { "type": "string" }, "b": { "type": "integer" } },
              "additionalProperties": false
            },
            "order": {
              "type": "object",
              "properties": { "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } } },
              "required": ["lines"]
            },
            "circle": {
              "type": "object",
              "properties": { "kind": { "const": "circle" }, "radius": { "type": "number", "minimum": 0 } },
              "required": ["kind", "radius"],
              "additionalProperties": false
            },
            "square": {
              "type": "object",
              "properties": { "kind": { "const": "square" }, "side": { "type": "number", "minimum": 0 } },
              "required": ["kind", "side"],
              "additionalProperties": false
            },
            "shape": { "oneOf": [{ "$ref": "#/$defs/circle" }, { "$ref": "#/$defs/square" }] },
            "any_shape": { "anyOf": [{ "$ref": "#/$defs/circle" }, { "$ref": "#/$defs/square" }] },
            "drawing": {
              "type": "object",
              "properties": { "title": { "type": "string" }, "shapes": { "type": "array", "items": { "$ref": "#/$defs/shape" } } }
            }
          }
        }
        """;

    private static readonly System.Lazy<CompiledValidators> Validators = new(() =>
        CompiledValidators.From(new GeneratorHarness().WithContract("/c/drawings.json", Contract)));

    private static CompiledValidators V => Validators.Value;

    [Fact]
    public void Each_refused_member_is_one_error_at_the_member_naming_the_allowed_ones()
    {
        var errors = V.Validate("OrderValidator", """{"lines":[{"a":"x"},{"a":"y","extra":1,"more":2}]}""");

        Assert.Equal(["/lines/1/extra", "/lines/1/more"], errors.Select(e => e.InstancePointer));
        Assert.All(errors, e => Assert.Equal("additionalProperties", e.Keyword));
        Assert.Equal("member \"extra\" is not allowed here (allowed: \"a\", \"b\")", errors[0].Message);
    }

    [Theory]
    [InlineData("ShapeValidator")]
    [InlineData("AnyShapeValidator")]
    public void An_unknown_discriminator_is_one_error_at_the_discriminator_naming_the_value_and_the_allowed_values(string validator)
    {
        var error = Assert.Single(V.Validate(validator, """{"kind":"triangle","radius":1}"""));

        Assert.Equal(("/kind", "const"), (error.InstancePointer, error.Keyword));
        Assert.Equal("\"triangle\" is not a known \"kind\" (allowed: \"circle\", \"square\")", error.Message);
    }

    [Theory]
    [InlineData("""{"radius":1}""", "", "required", "missing required member \"kind\" (one of \"circle\", \"square\")")]
    [InlineData("""{"kind":3,"radius":1}""", "/kind", "const", "3 is not a known \"kind\" (allowed: \"circle\", \"square\")")]
    [InlineData("""[{"kind":"circle"}]""", "", "type", "the array is not an object (expected an object whose \"kind\" is one of \"circle\", \"square\")")]
    public void A_missing_or_mistyped_discriminator_is_one_error_too(string json, string pointer, string keyword, string message)
    {
        var error = Assert.Single(V.Validate("ShapeValidator", json));

        Assert.Equal((pointer, keyword, message), (error.InstancePointer, error.Keyword, error.Message));
    }

    [Fact]
    public void A_known_discriminator_reports_only_its_branch_errors_then_the_summary()
    {
        var errors = V.Validate("ShapeValidator", """{"kind":"circle","radius":-1,"side":2}""");

        Assert.Equal(["/radius minimum", "/side additionalProperties", " oneOf"], errors.Select(e => e.InstancePointer + " " + e.Keyword));
        Assert.Equal("the object does not match the 'oneOf' case selected by \"kind\": \"circle\"", errors[2].Message);
    }

    [Fact]
    public void The_first_error_is_the_leaf_not_the_applicator_that_summarizes_it()
    {
        var errors = V.Validate("DrawingValidator", """{"shapes":[{"kind":"square","side":"big"}]}""");

        Assert.Equal(["/shapes/0/side type", "/shapes/0 oneOf"], errors.Select(e => e.InstancePointer + " " + e.Keyword));
        Assert.Equal("\"big\" is not a number", errors[0].Message);
    }

    [Fact]
    public void Leaf_errors_follow_the_document_order_of_the_instance_not_the_schema()
    {
        var errors = V.Validate("DrawingValidator", """{"shapes":[{"kind":"square","side":-1},{"kind":"hexagon"}],"title":7}""");

        Assert.Equal(
            ["/shapes/0/side minimum", "/shapes/1/kind const", "/title type", "/shapes/0 oneOf"],
            errors.Select(e => e.InstancePointer + " " + e.Keyword));
    }

    [Theory]
    [InlineData("""{"kind":"triangle","radius":1}""")]
    [InlineData("""{"radius":1}""")]
    [InlineData("""{"kind":3}""")]
    [InlineData("""{"kind":"circle","radius":-1}""")]
    [InlineData("""{"kind":"square","side":1}""")]
    [InlineData("""{"kind":"square","kind":"circle","radius":1}""")]
    [InlineData("7")]
    public void The_dispatching_document_path_and_the_streaming_path_agree(string json)
    {
        foreach (var validator in new[] { "ShapeValidator", "AnyShapeValidator" })
        {
            var valid = V.Validate(validator, json).Count == 0;
            Assert.Equal(valid, V.IsValid(validator, json));
            Assert.Equal(valid, V.IsValidUtf8(validator, json));
        }
    }
}
