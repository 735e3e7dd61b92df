using System.Linq;
using System.Text;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// A discriminated union of plain objects (the run events) is validated on bytes by one member loop for every branch:
/// shared members checked as they come, the discriminator's value picking the branch, the branch's own members checked
/// by a switch on it, the discriminator read ahead when such a member comes first. Each case asserts that
/// <c>IsValid(span)</c>, <c>Validate(span)</c> and the document path (<c>IsValid(JsonElement)</c>) give one verdict.
/// </summary>
public sealed class StreamingUnionLoopTests
{
    private const string Contract = """
        {
          "$defs": {
            "envelope": {
              "type": "object",
              "properties": { "id": { "type": "integer", "minimum": 1 }, "kind": { "type": "string", "pattern": "^[a-z]+$" } },
              "required": ["id", "kind"]
            },
            "plan_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": {
                "kind": { "const": "plan" },
                "payload": { "type": "object", "properties": { "steps": { "type": "array", "items": { "type": "string" } } }, "required": ["steps"], "additionalProperties": false }
              },
              "required": ["kind", "payload"],
              "unevaluatedProperties": false
            },
            "act_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": {
                "kind": { "const": "act" },
                "payload": { "type": "object", "properties": { "tool": { "type": "string" } }, "required": ["tool"], "additionalProperties": false },
                "note": { "type": "string" }
              },
              "required": ["kind", "payload"],
              "unevaluatedProperties": false
            },
            "nest_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": { "kind": { "const": "nest" }, "payload": { "$ref": "#/$defs/hop1" } },
              "required": ["kind", "payload"],
              "unevaluatedProperties": false
            },
            "hop1": { "$ref": "#/$defs/hop2" },
            "hop2": { "$ref": "#/$defs/hop3" },
            "hop3": { "$ref": "#/$defs/hop4" },
            "hop4": { "$ref": "#/$defs/event" },
            "shout_event": {
              "type": "object",
              "allOf": [{ "$ref": "#/$defs/envelope" }],
              "properties": { "kind": { "const": "SHOUT" }, "payload": { "type": "integer" } },
              "required": ["kind", "payload"],
              "unevaluatedProperties": false
            },
            "event": {
              "oneOf": [{ "$ref": "#/$defs/plan_event" }, { "$ref": "#/$defs/act_event" }, { "$ref": "#/$defs/nest_event" }, { "$ref": "#/$defs/shout_event" }]
            },
            "any_event": { "anyOf": [{ "$ref": "#/$defs/plan_event" }, { "$ref": "#/$defs/act_event" }] },
            "open_x": { "type": "object", "properties": { "t": { "const": "x" }, "n": { "type": "integer" } }, "required": ["t"] },
            "open_y": { "type": "object", "properties": { "t": { "const": "y" }, "n": { "type": "string" } }, "required": ["t", "n"] },
            "open": { "oneOf": [{ "$ref": "#/$defs/open_x" }, { "$ref": "#/$defs/open_y" }] },
            "counted_x": { "type": "object", "properties": { "t": { "const": "x" } }, "required": ["t"], "minProperties": 2 },
            "counted_y": { "type": "object", "properties": { "t": { "const": "y" } }, "required": ["t"] },
            "counted": { "oneOf": [{ "$ref": "#/$defs/counted_x" }, { "$ref": "#/$defs/counted_y" }] }
          }
        }
        """;

    private static readonly GeneratorRun Run = new GeneratorHarness().WithContract("/c/union.json", Contract).Run();

    private static readonly CompiledValidators Validators = CompiledValidators.From(new GeneratorHarness().WithContract("/c/union.json", Contract));

    [Fact]
    public void Unions_of_plain_objects_get_the_member_loop_and_others_keep_the_guess()
    {
        var streaming = Run.Sources.Single(s => s.HintName.EndsWith(".Streaming.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

        // event, any_event and open are read by one loop each (name and value matchers N/D); counted (minProperties) is not.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(streaming, @"private static int D\d+\(").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(streaming, @"StreamingValues\.GuessMember\("));
    }

    [Theory]
    [InlineData("""{"id":1,"kind":"plan","payload":{"steps":["a"]}}""", true)]
    [InlineData("""{"id":2,"kind":"act","payload":{"tool":"x"},"note":"n"}""", true)]
    [InlineData("""{"id":1,"kind":"plan","payload":{"steps":[]},"note":"n"}""", false)]
    [InlineData("""{"id":1,"kind":"plan","payload":{"tool":"x"}}""", false)]
    [InlineData("""{"id":1,"kind":"plan","payload":{"steps":[]},"zzz":1}""", false)]
    [InlineData("""{"id":0,"kind":"plan","payload":{"steps":[]}}""", false)]
    [InlineData("""{"kind":"plan","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":"plan"}""", false)]
    [InlineData("""{"id":1,"kind":"SHOUT","payload":1}""", false)]
    [InlineData("""[{"id":1,"kind":"plan","payload":{"steps":[]}}]""", false)]
    [InlineData("\"plan\"", false)]
    [InlineData("{}", false)]
    public void Members_are_checked_by_the_branch_the_kind_names(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    [Theory]
    [InlineData("""{"id":1,"kind":"plann","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":"","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":"pla","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":"Plan","payload":{"steps":[]}}""", false)]
    public void An_unknown_kind_is_invalid(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    [Theory]
    [InlineData("""{"id":1,"payload":{"steps":[]}}""", false)]
    [InlineData("""{"payload":{"steps":[]},"id":1}""", false)]
    [InlineData("""{"payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"payload":{"steps":[]},"kinds":"plan"}""", false)]
    public void A_missing_kind_is_invalid(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    [Theory]
    [InlineData("""{"payload":{"steps":["a"]},"id":1,"kind":"plan"}""", true)]
    [InlineData("""{"payload":{"tool":"x"},"kind":"act","id":3}""", true)]
    [InlineData("""{"payload":{"tool":"x"},"id":1,"kind":"plan"}""", false)]
    [InlineData("""{"note":"n","payload":{"tool":"x"},"id":1,"kind":"act"}""", true)]
    [InlineData("""{"note":"n","payload":{"steps":[]},"id":1,"kind":"plan"}""", false)]
    [InlineData("""{"id":1,"payload":{"steps":[]},"kind":"plan"}""", true)]
    [InlineData("""{"id":1,"payload":{"steps":[]},"kind":"nope"}""", false)]
    [InlineData("""{"id":1,"payload":{"steps":[]},"kind":5}""", false)]
    public void A_kind_after_the_members_it_decides_is_read_ahead(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    /// <summary>The document path reads the last of repeated members; the loop hands such objects over to it.</summary>
    [Theory]
    [InlineData("""{"id":1,"kind":"act","kind":"plan","payload":{"steps":[]}}""", true)]
    [InlineData("""{"id":1,"kind":"plan","kind":"act","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":"plan","payload":{"steps":[]},"kind":"plan"}""", true)]
    [InlineData("""{"id":1,"kind":"nope","payload":{"steps":[]},"kind":"plan"}""", true)]
    [InlineData("""{"id":1,"kind":5,"payload":{"steps":[]},"kind":"plan"}""", true)]
    [InlineData("""{"payload":{"steps":[]},"kind":5,"id":1,"kind":"plan"}""", true)]
    [InlineData("""{"payload":{"steps":[]},"kind":"act","id":1,"kind":"plan"}""", true)]
    [InlineData("""{"payload":{"steps":[]},"kind":"plan","id":1,"kind":"act"}""", false)]
    [InlineData("""{"id":1,"kind":"plan","note":"n","kind":"act","payload":{"tool":"x"}}""", true)]
    [InlineData("""{"id":1,"kind":"act","note":"n","kind":"plan","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":0,"id":1,"kind":"plan","payload":{"steps":[]}}""", true)]
    [InlineData("""{"id":1,"kind":"plan","payload":{"tool":"x"},"payload":{"steps":[]}}""", true)]
    public void A_repeated_kind_or_member_is_judged_by_the_last_one(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    [Theory]
    [InlineData("""{"id":1,"kind":"\u0070lan","payload":{"steps":[]}}""", true)]
    [InlineData("""{"id":1,"kind":"\u0061\u0063\u0074","payload":{"tool":"x"}}""", true)]
    [InlineData("""{"id":1,"kind":"\u0070lax","payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"\u006bind":"plan","payload":{"steps":[]}}""", true)]
    [InlineData("""{"\u0070ayload":{"steps":[]},"id":1,"k\u0069nd":"plan"}""", true)]
    [InlineData("""{"id":1,"kind":"plan\u0000","payload":{"steps":[]}}""", false)]
    public void An_escaped_kind_or_name_reads_as_its_text(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    [Theory]
    [InlineData("""{"id":1,"kind":5,"payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":null,"payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":true,"payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":["plan"],"payload":{"steps":[]}}""", false)]
    [InlineData("""{"id":1,"kind":{"plan":1},"payload":{"steps":[]}}""", false)]
    public void A_kind_that_is_not_a_string_is_invalid(string json, bool valid) => AssertAgree("EventValidator", json, valid);

    /// <summary>Each level nests an event through six references: 30 levels stay within the 256 the document path allows, 50 do not.</summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(30, true)]
    [InlineData(50, false)]
    public void Nested_events_are_checked_to_the_reference_depth_the_document_path_allows(int levels, bool valid)
    {
        var json = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            json.Append("{\"kind\":\"nest\",\"id\":1,\"payload\":");
        }

        json.Append("{\"id\":1,\"kind\":\"plan\",\"payload\":{\"steps\":[\"a\"]}}");
        json.Append('}', levels);
        AssertAgree("EventValidator", json.ToString(), valid);
    }

    [Fact]
    public void A_nested_event_that_fails_fails_the_outer_one()
        => AssertAgree("EventValidator", """{"id":1,"kind":"nest","payload":{"id":1,"kind":"plan","payload":{"steps":[1]}}}""", false);

    [Theory]
    [InlineData("""{"id":1,"kind":"act","payload":{"tool":"x"}}""", true)]
    [InlineData("""{"payload":{"steps":[]},"kind":"plan","id":1}""", true)]
    [InlineData("""{"id":1,"kind":"nest","payload":{"id":1,"kind":"act","payload":{"tool":"x"}}}""", false)]
    [InlineData("""{"id":1,"kind":"act","payload":{"steps":[]}}""", false)]
    public void AnyOf_is_dispatched_alike(string json, bool valid) => AssertAgree("AnyEventValidator", json, valid);

    /// <summary>Objects the branches leave open: other members are skipped, members some branch does not declare are free in it.</summary>
    [Theory]
    [InlineData("""{"t":"x","n":1,"extra":[1,{"a":2}]}""", true)]
    [InlineData("""{"t":"x"}""", true)]
    [InlineData("""{"t":"y"}""", false)]
    [InlineData("""{"t":"y","n":1}""", false)]
    [InlineData("""{"n":"s","t":"y"}""", true)]
    [InlineData("""{"n":"s","extra":{},"t":"x"}""", false)]
    [InlineData("""{"n":1}""", false)]
    [InlineData("""{"t":"z","n":1}""", false)]
    public void Open_branches_accept_other_members(string json, bool valid) => AssertAgree("OpenValidator", json, valid);

    [Theory]
    [InlineData("""{"t":"x","a":1}""", true)]
    [InlineData("""{"t":"x"}""", false)]
    [InlineData("""{"t":"y"}""", true)]
    [InlineData("""{"a":1,"t":"q"}""", false)]
    public void A_union_outside_the_loop_keeps_its_dispatch(string json, bool valid) => AssertAgree("CountedValidator", json, valid);

    private static void AssertAgree(string validator, string json, bool valid)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.Equal(valid, Validators.IsValid(validator, json));
        Assert.Equal(valid, Validators.IsValidUtf8(validator, utf8));
        Assert.Equal(valid, Validators.ValidateUtf8(validator, utf8).Count == 0);
    }
}
