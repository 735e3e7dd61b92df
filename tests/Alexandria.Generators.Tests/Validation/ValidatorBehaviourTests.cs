using System.Linq;
using System.Text;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>Generated validators for a representative contract, compiled and run: exact pointers, keywords and messages.</summary>
public sealed class ValidatorBehaviourTests
{
    private const string Contract = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "agent_role": { "type": "string", "enum": ["planner", "executor"] },
            "evidence_span": {
              "type": "object",
              "properties": { "start": { "type": "integer", "minimum": 0 }, "end": { "type": "integer", "minimum": 0 } },
              "required": ["start", "end"],
              "additionalProperties": false
            },
            "evidence_pointer": {
              "type": "object",
              "properties": {
                "evidence_id": { "type": "string", "minLength": 1, "maxLength": 3 },
                "span": { "$ref": "#/$defs/evidence_span" },
                "role": { "$ref": "#/$defs/agent_role" },
                "id": { "type": "string", "format": "uuid" }
              },
              "required": ["evidence_id", "span"],
              "additionalProperties": false
            },
            "envelope": { "type": "object", "properties": { "kind": { "type": "string" } }, "required": ["kind"] },
            "plan_event": {
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": { "kind": { "const": "plan" }, "steps": { "type": "array", "items": { "$ref": "#/$defs/agent_role" } } },
              "unevaluatedProperties": false
            },
            "event": { "oneOf": [{ "$ref": "#/$defs/plan_event" }, { "$ref": "#/$defs/evidence_pointer" }] },
            "tree": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/tree" } } }, "additionalProperties": false },
            "money": { "type": "number", "multipleOf": 0.0001 },
            "count": { "type": "integer" },
            "pair": { "const": { "a": 1, "b": [1.0, "x"] } },
            "distinct": { "type": "array", "uniqueItems": true },
            "slashed": { "type": "object", "properties": { "a/b~c": { "type": "string" } } }
          }
        }
        """;

    private static readonly System.Lazy<CompiledValidators> Validators = new(() =>
        CompiledValidators.From(new GeneratorHarness().WithContract("/c/sample.json", Contract)));

    private static CompiledValidators V => Validators.Value;

    [Fact]
    public void A_valid_instance_has_no_errors()
    {
        Assert.Empty(V.Validate("EvidencePointerValidator", """{"evidence_id":"e1","span":{"start":0,"end":4},"role":"planner"}"""));
        Assert.True(V.IsValid("EvidencePointerValidator", """{"evidence_id":"e1","span":{"start":0,"end":4}}"""));
    }

    [Fact]
    public void Every_error_is_reported_with_its_instance_pointer_and_keyword()
    {
        var errors = V.Validate("EvidencePointerValidator", """{"evidence_id":"","span":{"start":-1},"role":"boss","extra":1}""");

        Assert.Equal(
            ["/evidence_id minLength", "/span required", "/span/start minimum", "/role enum", "/extra additionalProperties"],
            errors.Select(e => e.InstancePointer + " " + e.Keyword));
    }

    [Fact]
    public void Enum_errors_name_the_allowed_values_and_the_value_found()
    {
        var error = Assert.Single(V.Validate("AgentRoleValidator", "\"boss\""));
        Assert.Equal("enum", error.Keyword);
        Assert.Equal("\"boss\" is not one of \"planner\", \"executor\"", error.Message);
    }

    [Fact]
    public void Lengths_count_code_points_not_utf16_units()
    {
        // Three astral characters are six UTF-16 units but three characters.
        Assert.True(V.IsValid("EvidencePointerValidator", """{"evidence_id":"😀😀😀","span":{"start":0,"end":0}}"""));
        Assert.False(V.IsValid("EvidencePointerValidator", """{"evidence_id":"😀😀😀😀","span":{"start":0,"end":0}}"""));
    }

    [Fact]
    public void Unevaluated_properties_see_what_allOf_and_ref_evaluated()
    {
        Assert.True(V.IsValid("PlanEventValidator", """{"kind":"plan","steps":["planner"]}"""));
        var error = Assert.Single(V.Validate("PlanEventValidator", """{"kind":"plan","note":"x"}"""));
        Assert.Equal(("/note", "unevaluatedProperties"), (error.InstancePointer, error.Keyword));
    }

    [Fact]
    public void OneOf_reports_the_closest_branch_errors_then_its_own()
    {
        var errors = V.Validate("EventValidator", """{"kind":"plan","steps":["boss"]}""");
        Assert.Equal(["enum", "oneOf"], errors.Select(e => e.Keyword));
        Assert.Equal(["/steps/0", ""], errors.Select(e => e.InstancePointer));
    }

    [Fact]
    public void Recursive_schemas_validate_nested_instances()
    {
        Assert.True(V.IsValid("TreeValidator", """{"children":[{"children":[{}]},{}]}"""));
        var error = Assert.Single(V.Validate("TreeValidator", """{"children":[{"children":[{"x":1}]}]}"""));
        Assert.Equal("/children/0/children/0/x", error.InstancePointer);
    }

    [Fact]
    public void MultipleOf_with_decimals_is_exact_and_integers_may_be_written_with_a_fraction()
    {
        Assert.True(V.IsValid("MoneyValidator", "0.0075"));
        Assert.False(V.IsValid("MoneyValidator", "0.00751"));
        Assert.True(V.IsValid("CountValidator", "1.0"));
        Assert.False(V.IsValid("CountValidator", "1.5"));
    }

    [Fact]
    public void Const_and_uniqueItems_use_json_equality()
    {
        Assert.True(V.IsValid("PairValidator", """{"b":[1,"x"],"a":1.0}"""));
        Assert.False(V.IsValid("PairValidator", """{"a":1,"b":[1,"y"]}"""));
        var error = Assert.Single(V.Validate("DistinctValidator", """[{"a":1,"b":2},{"b":2,"a":1.0}]"""));
        Assert.Equal("uniqueItems", error.Keyword);
    }

    [Fact]
    public void Pointers_escape_slash_and_tilde()
    {
        var error = Assert.Single(V.Validate("SlashedValidator", """{"a/b~c":1}"""));
        Assert.Equal("/a~1b~0c", error.InstancePointer);
    }

    [Fact]
    public void Formats_are_asserted_for_contracts_unless_the_options_turn_them_off()
    {
        const string json = """{"evidence_id":"e","span":{"start":0,"end":0},"id":"not-a-uuid"}""";
        Assert.Equal("/id format", V.Validate("EvidencePointerValidator", json).Select(e => e.InstancePointer + " " + e.Keyword).Single());
        Assert.True(V.IsValid("EvidencePointerValidator", json, assertFormats: false));
    }

    [Fact]
    public void Text_that_is_not_json_is_one_json_error_not_an_exception()
    {
        var error = Assert.Single(V.ValidateUtf8("EvidencePointerValidator", Encoding.UTF8.GetBytes("{\"evidence_id\": ")));
        Assert.Equal(("", "json"), (error.InstancePointer, error.Keyword));
        Assert.Single(V.ValidateUtf8("EvidencePointerValidator", Encoding.UTF8.GetBytes("{} {}")));
        Assert.Empty(V.ValidateUtf8("AgentRoleValidator", Encoding.UTF8.GetBytes("\"planner\"")));
    }
}
