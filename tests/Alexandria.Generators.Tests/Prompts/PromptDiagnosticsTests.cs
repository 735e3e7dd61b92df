using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Prompts;

public sealed class PromptDiagnosticsTests
{
    private const string Path = PromptContracts.ManifestPath;
    private const string HelloHash = "652b7c016734eedbef52857a9b0ed99076468635861e3a29201b847f71e86da7";
    private static readonly string NameVariable = Variable("name");

    [Fact]
    public void A_template_hash_mismatch_is_reported_at_the_declared_hash()
    {
        var text = Manifest(Prompt(hash: new string('0', 64)));

        var diagnostic = Single(text, "ALX0301");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"" + new string('0', 64) + "\"");
        Assert.Contains(HelloHash, diagnostic.GetMessage());
    }

    [Fact]
    public void An_undeclared_placeholder_is_reported_at_the_placeholder_even_after_escapes_in_the_template()
    {
        // \n, \t, \" and \u00e9 are longer in the file than in the value; the squiggle must not drift.
        var text = Manifest(Prompt(
            template: @"Hello {{name}}\n\t\""quoted\"" caf\u00e9 {{nmae}}",
            hash: "3836c916087e5126aab2a1ecd9fdc2805eed8baf14be3ad3ff7741268c8822f7"));

        var diagnostic = Single(text, "ALX0302");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "{{nmae}}");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((7, 58), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal("Prompt 'greet' uses '{{nmae}}' in its template but declares no variable 'nmae'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_declared_but_unused_variable_is_reported_at_its_declaration()
    {
        var text = Manifest(Prompt(variables: NameVariable + ",\n" + Variable("unused")));

        var diagnostic = Single(text, "ALX0303");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"unused\"");
    }

    [Fact]
    public void A_duplicate_prompt_id_is_reported_at_the_second_id()
    {
        var text = Manifest(Prompt(), Prompt());

        var diagnostic = Single(text, "ALX0304");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"greet\"", occurrence: 1);
    }

    [Fact]
    public void An_unknown_variable_type_is_an_invalid_declaration_at_the_type()
    {
        var text = Manifest(Prompt(variables: Variable("name", type: "date")));

        var diagnostic = Single(text, "ALX0305");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"date\"");
        Assert.Contains("unknown type 'date'", diagnostic.GetMessage());
    }

    [Fact]
    public void More_than_four_cache_breakpoints_are_reported_at_the_fifth()
    {
        var names = new[] { "a", "b", "c", "d", "e", "f" };
        var text = Manifest(Prompt(
            template: "Hi {{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
            hash: "9ead3a6c6b286104fe0ef8aea24bde495eedcf28885d8f635b06e9bcc312be45",
            variables: string.Join(",\n", names.Select(n => Variable(n))),
            breakpoints: string.Join(", ", names.Skip(1).Select(n => $$"""{ "name": "before_{{n}}", "before_variable": "{{n}}" }"""))));

        var diagnostic = Single(text, "ALX0305");

        ContractTextPosition.AssertAt(diagnostic, Path, text, """{ "name": "before_f", "before_variable": "f" }""");
        Assert.Contains("at most 4", diagnostic.GetMessage());
    }

    [Fact]
    public void A_breakpoint_before_a_variable_the_template_does_not_use_is_reported_at_that_variable()
    {
        var text = Manifest(Prompt(breakpoints: """{ "name": "stable", "before_variable": "missing" }"""));

        var diagnostic = Single(text, "ALX0305");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"missing\"");
        Assert.Contains("not declared", diagnostic.GetMessage());
    }

    [Fact]
    public void A_version_that_is_not_semantic_is_reported_at_the_version()
    {
        var text = Manifest(Prompt(version: "v1"));

        var diagnostic = Single(text, "ALX0305");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"v1\"");
    }

    [Fact]
    public void A_per_step_variable_inside_the_cached_prefix_is_reported_at_its_placeholder()
    {
        var text = Manifest(Prompt(
            template: "Plan {{goal}} then {{step}} and {{tail}}",
            hash: "b42dad02c423dff7a7100c89f22877f8b8e69e0c1aa498820afac83ea087ef02",
            variables: Variable("goal", volatility: "run") + ",\n" + Variable("step", volatility: "step") + ",\n" + Variable("tail", volatility: "step"),
            breakpoints: """{ "name": "plan", "before_variable": "tail" }"""));

        var diagnostic = Single(text, "ALX0305");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "{{step}}");
        Assert.Contains("before the last cache breakpoint 'plan'", diagnostic.GetMessage());
    }

    [Fact]
    public void An_output_schema_no_contract_exports_is_an_unresolved_reference_at_the_ref()
    {
        // No schema contract is among the inputs, so nothing exports triage_result.
        var text = Manifest(Prompt(outputSchema: """{ "$ref": "output_schema.json#/$defs/triage_result" }"""));

        var diagnostic = Single(text, "ALX0101");

        ContractTextPosition.AssertAt(diagnostic, Path, text, "\"output_schema.json#/$defs/triage_result\"");
    }

    [Fact]
    public void An_output_schema_naming_a_missing_definition_of_a_known_file_says_so()
    {
        var text = Manifest(Prompt(outputSchema: """{ "$ref": "output_schema.json#/$defs/nope" }"""));

        var diagnostic = Assert.Single(PromptContracts.Parse(text).Diagnostics);

        Assert.Equal("ALX0101", diagnostic.DescriptorId);
        Assert.Equal("'output_schema.json' has no schema definition at '/$defs/nope'", diagnostic.MessageArgs[1]);
    }

    [Fact]
    public void A_well_formed_manifest_reports_nothing_and_the_real_manifest_no_prompt_diagnostics()
    {
        Assert.Empty(Diagnostics(Manifest(Prompt())));
        Assert.Empty(PromptContracts.Parse(PromptContracts.Triage).Diagnostics);

        var real = new GeneratorHarness().WithRepositoryContracts().Run();
        Assert.DoesNotContain(real.GeneratorDiagnostics, d => d.Id.StartsWith("ALX03", System.StringComparison.Ordinal));
    }

    private static Diagnostic Single(string manifest, string id)
    {
        var diagnostics = Diagnostics(manifest);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(string manifest)
        => new GeneratorHarness().WithContract(Path, manifest).Run().GeneratorDiagnostics;

    private static string Manifest(params string[] prompts)
        => "{\n  \"manifest_version\": \"1.0.0\",\n  \"prompts\": [\n" + string.Join(",\n", prompts) + "\n  ]\n}\n";

    // Line 7 of the manifest holds the template, so locations can be checked by number too.
    private static string Prompt(
        string version = "1.0.0",
        string template = "Hello {{name}}",
        string hash = HelloHash,
        string? variables = null,
        string breakpoints = "",
        string outputSchema = "null")
        => $$$"""
                {
                  "id": "greet",
                  "version": "{{{version}}}",
                  "role": "user",
                  "template": "{{{template}}}",
                  "template_sha256": "{{{hash}}}",
                  "variables": [
            {{{variables ?? NameVariable}}}
                  ],
                  "output_schema": {{{outputSchema}}},
                  "cache_breakpoints": [{{{breakpoints}}}]
                }
            """;

    private static string Variable(string name, string type = "string", string volatility = "run")
        => $$"""        { "name": "{{name}}", "type": "{{type}}", "description": "The {{name}}.", "required": true, "volatility": "{{volatility}}" }""";
}
