using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>Files marked <c>AlexandriaEmit="validators"</c>: an arbitrary root schema gets a root validator and no types.</summary>
public sealed class ValidatorOnlyContractTests
{
    private const string Tree = """
        {
          "$id": "https://example.com/tree",
          "$dynamicAnchor": "node",
          "type": "object",
          "properties": { "data": true, "children": { "type": "array", "items": { "$dynamicRef": "#node" } } }
        }
        """;

    private const string StrictTree = """
        {
          "$id": "https://example.com/strict-tree",
          "$dynamicAnchor": "node",
          "$ref": "tree",
          "unevaluatedProperties": false
        }
        """;

    [Fact]
    public void A_validator_only_file_gets_a_root_validator_and_no_types()
    {
        var harness = new GeneratorHarness().WithContract("/c/port.json", """{ "type": "integer", "minimum": 1, "maximum": 65535 }""", ("AlexandriaEmit", "validators"));
        var run = harness.Run().AssertCompiles();

        Assert.Equal(["port.CompiledPort.g.cs", "port.CompiledPort.Streaming.g.cs", "port.PortValidator.g.cs"], run.Sources.Select(s => s.HintName).Where(h => h.StartsWith("port.", System.StringComparison.Ordinal)).Order());
        var validators = CompiledValidators.From(harness);
        Assert.True(validators.IsValid("PortValidator", "8080"));
        Assert.Equal("maximum", Assert.Single(validators.Validate("PortValidator", "70000")).Keyword);
    }

    [Fact]
    public void The_root_validator_name_can_be_set_with_metadata()
    {
        var harness = new GeneratorHarness().WithContract("/c/anything.json", "true", ("AlexandriaEmit", "validators"), ("AlexandriaValidatorName", "AnyValidator"));
        Assert.True(CompiledValidators.From(harness).IsValid("AnyValidator", "[1]"));
    }

    [Fact]
    public void Dynamic_references_resolve_through_the_dynamic_scope_across_files()
    {
        var harness = new GeneratorHarness()
            .WithContract("/c/tree.json", Tree, ("AlexandriaSchemaUri", "https://example.com/tree"))
            .WithContract("/c/strict_tree.json", StrictTree, ("AlexandriaEmit", "validators"));
        var validators = CompiledValidators.From(harness);

        Assert.True(validators.IsValid("StrictTreeValidator", """{"children":[{"data":1}]}"""));
        var error = Assert.Single(validators.Validate("StrictTreeValidator", """{"children":[{"daat":1}]}"""));
        Assert.Equal(("/children/0/daat", "unevaluatedProperties"), (error.InstancePointer, error.Keyword));
    }

    [Fact]
    public void An_unresolvable_reference_in_a_validator_only_file_is_ALX0101_at_the_reference()
    {
        const string text = "{\n  \"$ref\": \"https://example.com/missing.json\"\n}\n";
        var run = new GeneratorHarness().WithContract("/c/dangling.json", text, ("AlexandriaEmit", "validators")).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0101");
        ContractTextPosition.AssertAt(diagnostic, "/c/dangling.json", text, "\"https://example.com/missing.json\"");
    }
}
