using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Types;

/// <summary>Problems in a schema are reported at their place in the contract file, with the right ID and severity.</summary>
public sealed class TypeDiagnosticsTests
{
    private const string Path = "/repo/contracts/s.json";

    private static Diagnostic Single(string id, string contract, params (string Path, string Text)[] others)
    {
        var harness = new GeneratorHarness().WithContract(Path, contract);
        foreach (var (path, text) in others)
        {
            harness.WithContract(path, text);
        }

        var run = harness.Run();
        return Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column, DiagnosticSeverity severity)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal(severity, diagnostic.Severity);
    }

    [Fact]
    public void Unresolved_local_ref_is_reported_at_the_ref_value()
    {
        const string contract = "{\n  \"$defs\": {\n    \"a\": {\n      \"type\": \"object\",\n      \"properties\": { \"b\": { \"$ref\": \"#/$defs/missing\" } }\n    }\n  }\n}\n";

        var diagnostic = Single("ALX0101", contract);

        AssertAt(diagnostic, 4, 37, DiagnosticSeverity.Error);
        Assert.Contains("#/$defs/missing", diagnostic.GetMessage());
    }

    [Fact]
    public void Unresolved_cross_file_ref_is_reported_at_the_ref_value()
    {
        const string contract = "{\n  \"$defs\": {\n    \"a\": {\n      \"type\": \"object\",\n      \"properties\": {\n        \"b\": { \"$ref\": \"other.json#/$defs/nope\" }\n      }\n    }\n  }\n}\n";

        var diagnostic = Single("ALX0101", contract, ("/repo/contracts/other.json", """{ "$defs": { "yes": { "type": "string" } } }"""));

        AssertAt(diagnostic, 5, 23, DiagnosticSeverity.Error);
        Assert.Contains("other.json#/$defs/nope", diagnostic.GetMessage());
    }

    [Fact]
    public void Unknown_keyword_is_a_warning_at_its_name()
    {
        const string contract = "{\n  \"$defs\": {\n    \"a\": {\n      \"type\": \"string\",\n      \"formatt\": \"uuid\"\n    }\n  }\n}\n";

        var diagnostic = Single("ALX0102", contract);

        AssertAt(diagnostic, 4, 6, DiagnosticSeverity.Warning);
        Assert.Contains("'formatt'", diagnostic.GetMessage());
    }

    [Fact]
    public void Standard_keywords_and_extensions_are_not_reported_as_unsupported()
    {
        const string contract = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://example.com/s.json",
              "$defs": {
                "a": {
                  "type": "object", "$comment": "c", "title": "t", "deprecated": false,
                  "properties": { "if": { "type": "string", "contentMediaType": "text/plain" } },
                  "patternProperties": { "^x": { "minLength": 1 } },
                  "dependentRequired": { "if": ["then"] }, "unevaluatedProperties": false,
                  "if": { "required": ["if"] }, "then": { "minProperties": 1 }, "else": { "not": {} },
                  "x-alexandria-anything": 1, "x-vendor": true
                }
              }
            }
            """;

        var run = new GeneratorHarness().WithContract(Path, contract).Run();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0102");
        run.AssertCompiles();
    }

    [Fact]
    public void Two_definitions_with_the_same_csharp_name_are_reported_at_the_second()
    {
        const string contract = "{\n  \"$defs\": {\n    \"run_event\": { \"type\": \"object\", \"properties\": { \"a\": { \"type\": \"string\" } } },\n    \"RunEvent\": { \"type\": \"string\", \"enum\": [\"x\"] }\n  }\n}\n";

        var run = new GeneratorHarness().WithContract(Path, contract).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0103");
        AssertAt(diagnostic, 3, 4, DiagnosticSeverity.Error);
        Assert.Contains("'RunEvent'", diagnostic.GetMessage());
        run.AssertCompiles();
    }

    [Fact]
    public void A_name_override_can_resolve_a_collision()
    {
        const string contract = """{ "$defs": { "run_event": { "type": "object", "properties": { "a": { "type": "string" } } }, "RunEvent": { "type": "string", "enum": ["x"], "x-alexandria-name": "run_event_kind" } } }""";

        var run = new GeneratorHarness().WithContract(Path, contract).WithSource("public static class C { public static object K => Alexandria.Contracts.RunEventKind.X; }").Run();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0103");
        run.AssertCompiles();
    }

    [Fact]
    public void A_oneOf_that_cannot_be_a_closed_union_wraps_its_cases_with_no_diagnostic()
    {
        const string contract = """{ "$defs": { "either": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] }, "holder": { "type": "object", "properties": { "v": { "$ref": "#/$defs/either" } }, "required": ["v"] } } }""";

        var run = new GeneratorHarness().WithContract(Path, contract)
            .WithSource("public static class C { public static long? V(Alexandria.Contracts.Holder h) => h.V.IsInteger ? h.V.AsInteger : null; }")
            .Run();

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ALX0120");
        run.AssertCompiles();
    }

    [Fact]
    public void A_oneOf_whose_branches_have_no_shape_is_typed_as_JsonElement_with_an_info_at_the_union()
    {
        const string contract = "{\n  \"$defs\": {\n    \"either\": { \"oneOf\": [ { \"required\": [\"a\"] }, { \"required\": [\"b\"] } ] }\n  }\n}\n";

        var run = new GeneratorHarness().WithContract(Path, contract)
            .WithSource("public static class C { public static System.Text.Json.JsonElement V(System.Text.Json.JsonElement e) => Alexandria.Contracts.EitherValidator.IsValid(e) ? e : default; }")
            .Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0120" && d.GetMessage().Contains("no branch of the oneOf has a shape"));
        AssertAt(diagnostic, 2, 14, DiagnosticSeverity.Info);
        run.AssertCompiles();
    }

    [Fact]
    public void The_real_contracts_produce_no_types_diagnostics()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run();

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Id is "ALX0101" or "ALX0102" or "ALX0103"));
        // The two members the output schema leaves open on purpose (tool arguments, artifact metadata) are listed as
        // JsonElement, and nothing else is.
        Assert.Equal(
            new[] { "#/$defs/act_payload/properties/arguments", "#/$defs/artifact_record/properties/metadata" },
            run.GeneratorDiagnostics.Where(d => d.Id == "ALX0120").Select(d => d.GetMessage().Split('\'')[1]).OrderBy(p => p, System.StringComparer.Ordinal));
    }
}
