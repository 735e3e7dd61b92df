using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// A schema is compiled with the keyword semantics of its draft: its <c>$schema</c>, else the file's
/// <c>AlexandriaSchemaDraft</c>, else 2020-12. The official suite covers every draft in depth
/// (tests/Alexandria.Conformance); these pin what a contract author relies on, on both validator paths.
/// </summary>
public sealed class SchemaDraftTests
{
    private static CompiledValidators Validators(string text, params (string Name, string Value)[] metadata)
        => CompiledValidators.From(new GeneratorHarness().WithContract("/c/legacy.json", text, [("AlexandriaEmit", "validators"), .. metadata]));

    private static void AssertVerdict(CompiledValidators validators, string json, bool valid)
    {
        Assert.Equal(valid, validators.IsValid("LegacyValidator", json));
        Assert.Equal(valid, validators.IsValidUtf8("LegacyValidator", json));
    }

    private const string Tuple = """{ "$schema": "DRAFT", "items": [ { "type": "integer" }, { "type": "string" } ], "additionalItems": false }""";

    [Theory]
    [InlineData("http://json-schema.org/draft-04/schema#")]
    [InlineData("http://json-schema.org/draft-06/schema#")]
    [InlineData("http://json-schema.org/draft-07/schema#")]
    [InlineData("https://json-schema.org/draft/2019-09/schema")]
    public void Before_2020_12_items_as_an_array_is_a_tuple_closed_by_additionalItems(string draft)
    {
        var validators = Validators(Tuple.Replace("DRAFT", draft));

        AssertVerdict(validators, """[1, "a"]""", valid: true);
        AssertVerdict(validators, """["a", 1]""", valid: false);
        AssertVerdict(validators, """[1, "a", true]""", valid: false);
        var error = Assert.Single(validators.Validate("LegacyValidator", """[1, "a", true]"""));
        Assert.Equal(("/2", "additionalItems"), (error.InstancePointer, error.Keyword));
    }

    [Fact]
    public void In_2020_12_an_array_valued_items_and_additionalItems_constrain_nothing()
    {
        var validators = Validators(Tuple.Replace("DRAFT", "https://json-schema.org/draft/2020-12/schema"));

        AssertVerdict(validators, """["a", 1, true]""", valid: true);
    }

    [Fact]
    public void Without_schema_the_AlexandriaSchemaDraft_metadata_picks_the_draft()
    {
        const string text = """{ "items": [ { "type": "integer" } ], "additionalItems": false }""";

        AssertVerdict(Validators(text, ("AlexandriaSchemaDraft", "draft-07")), "[1, 2]", valid: false);
        AssertVerdict(Validators(text), "[1, 2]", valid: true);
    }

    [Theory]
    [InlineData("http://json-schema.org/draft-07/schema#", true)]
    [InlineData("https://json-schema.org/draft/2019-09/schema", false)]
    public void Before_2019_09_a_ref_makes_its_siblings_ignored(string draft, bool longStringValid)
    {
        var text = """{ "$schema": "DRAFT", "definitions": { "s": { "type": "string" } }, "properties": { "name": { "$ref": "#/definitions/s", "maxLength": 2 } } }""".Replace("DRAFT", draft);
        var validators = Validators(text);

        AssertVerdict(validators, """{ "name": "abcdef" }""", longStringValid);
        AssertVerdict(validators, """{ "name": 1 }""", valid: false);
    }

    [Fact]
    public void Draft_4_exclusive_bounds_are_booleans_on_minimum_and_maximum()
    {
        var validators = Validators("""{ "$schema": "http://json-schema.org/draft-04/schema#", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": false }""");

        AssertVerdict(validators, "0", valid: false);
        AssertVerdict(validators, "0.5", valid: true);
        AssertVerdict(validators, "10", valid: true);
        Assert.Equal("exclusiveMinimum", Assert.Single(validators.Validate("LegacyValidator", "0")).Keyword);
    }

    [Fact]
    public void Draft_4_identifies_resources_with_id_and_names_anchors_with_its_fragment()
    {
        var validators = Validators("""{ "$schema": "http://json-schema.org/draft-04/schema#", "properties": { "n": { "$ref": "#positive" } }, "definitions": { "p": { "id": "#positive", "minimum": 1 } } }""");

        AssertVerdict(validators, """{ "n": 2 }""", valid: true);
        AssertVerdict(validators, """{ "n": 0 }""", valid: false);
    }

    [Fact]
    public void Draft_4_and_6_ignore_keywords_of_later_drafts()
    {
        AssertVerdict(Validators("""{ "$schema": "http://json-schema.org/draft-04/schema#", "const": 1 }"""), "2", valid: true);
        AssertVerdict(Validators("""{ "$schema": "http://json-schema.org/draft-06/schema#", "const": 1 }"""), "2", valid: false);
        AssertVerdict(Validators("""{ "$schema": "http://json-schema.org/draft-06/schema#", "if": true, "then": false }"""), "2", valid: true);
    }

    [Fact]
    public void Dependencies_with_member_lists_and_schemas_are_enforced()
    {
        var validators = Validators("""{ "$schema": "http://json-schema.org/draft-07/schema#", "dependencies": { "card": ["billing"], "vip": { "required": ["level"] } } }""");

        AssertVerdict(validators, """{ "card": 1, "billing": 2 }""", valid: true);
        AssertVerdict(validators, """{ "card": 1 }""", valid: false);
        AssertVerdict(validators, """{ "vip": true }""", valid: false);
    }

    [Fact]
    public void A_2019_09_recursiveRef_extends_through_the_outermost_recursiveAnchor()
    {
        var tree = """
            {
              "$schema": "https://json-schema.org/draft/2019-09/schema",
              "$id": "https://example.com/tree", "$recursiveAnchor": true,
              "type": "object", "properties": { "data": true, "children": { "type": "array", "items": { "$recursiveRef": "#" } } }
            }
            """;
        var strict = """
            {
              "$schema": "https://json-schema.org/draft/2019-09/schema",
              "$id": "https://example.com/strict-tree", "$recursiveAnchor": true,
              "$ref": "tree", "unevaluatedProperties": false
            }
            """;
        var validators = CompiledValidators.From(new GeneratorHarness()
            .WithContract("/c/tree.json", tree, ("AlexandriaSchemaUri", "https://example.com/tree"), ("AlexandriaEmit", "validators"))
            .WithContract("/c/strict_tree.json", strict, ("AlexandriaEmit", "validators")));

        Assert.True(validators.IsValid("StrictTreeValidator", """{"children":[{"data":1}]}"""));
        Assert.True(validators.IsValid("TreeValidator", """{"children":[{"daat":1}]}"""));
        var error = Assert.Single(validators.Validate("StrictTreeValidator", """{"children":[{"daat":1}]}"""));
        Assert.Equal(("/children/0/daat", "unevaluatedProperties"), (error.InstancePointer, error.Keyword));
    }

    [Fact]
    public void The_older_meta_schemas_are_built_in()
    {
        var validators = Validators("""{ "$ref": "http://json-schema.org/draft-04/schema#" }""");

        AssertVerdict(validators, """{ "minLength": 1 }""", valid: true);
        AssertVerdict(validators, """{ "minLength": -1 }""", valid: false);
    }

    [Fact]
    public void An_unknown_schema_is_ALX0106_at_its_value_and_compiles_as_the_default_draft()
    {
        const string text = "{\n  \"$schema\": \"http://json-schema.org/draft-03/schema#\",\n  \"prefixItems\": [ { \"type\": \"integer\" } ]\n}\n";
        var harness = new GeneratorHarness().WithContract("/c/legacy.json", text, ("AlexandriaEmit", "validators"));
        var run = harness.Run().AssertCompiles();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0106");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        ContractTextPosition.AssertAt(diagnostic, "/c/legacy.json", text, "\"http://json-schema.org/draft-03/schema#\"");
        Assert.Contains("compiled as 2020-12", diagnostic.GetMessage());
        Assert.False(CompiledValidators.From(harness).IsValid("LegacyValidator", """["x"]"""));
    }

    [Fact]
    public void An_unknown_AlexandriaSchemaDraft_is_ALX0107()
    {
        var run = new GeneratorHarness().WithContract("/c/legacy.json", "{ \"type\": \"string\" }", ("AlexandriaEmit", "validators"), ("AlexandriaSchemaDraft", "draft-03")).Run().AssertCompiles();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0107");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'draft-03'", diagnostic.GetMessage());
    }

    [Fact]
    public void Keywords_the_contracts_draft_honours_are_not_ALX0102_and_the_ones_it_ignores_are()
    {
        const string draft7 = """
            { "$schema": "http://json-schema.org/draft-07/schema#",
              "$defs": { "order": { "type": "object", "dependencies": { "a": ["b"] }, "properties": { "lines": { "items": [ { "type": "string" } ], "additionalItems": false } } } },
              "definitions": { "old": { "type": "string" } } }
            """;
        const string draft2020 = """{ "$defs": { "order": { "type": "object", "dependencies": { "a": ["b"] }, "properties": { "lines": { "type": "array", "additionalItems": false } } } } }""";

        var draft7Run = new GeneratorHarness().WithContract("/c/orders.json", draft7).Run();
        var draft2020Run = new GeneratorHarness().WithContract("/c/orders.json", draft2020).Run();

        Assert.DoesNotContain(draft7Run.GeneratorDiagnostics, d => d.Id == "ALX0102");
        var ignored = Assert.Single(draft2020Run.GeneratorDiagnostics, d => d.Id == "ALX0102");
        Assert.Contains("'additionalItems'", ignored.GetMessage());
    }
}
