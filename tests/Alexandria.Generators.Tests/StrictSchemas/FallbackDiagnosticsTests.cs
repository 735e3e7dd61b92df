using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>(c) A keyword a provider cannot express is reported at its own line:col in the schema, per provider.</summary>
public sealed class FallbackDiagnosticsTests
{
    private const string OpenAi = "ALX0501";
    private const string Anthropic = "ALX0502";
    private const string Ollama = "ALX0503";

    /// <summary>keyword (the needle whose name is reported), the definition's members, the providers that fall back.</summary>
    public static TheoryData<string, string, string[]> Keywords() => new()
    {
        { "not", """ "value": { "type": "string", "not": { "const": "x" } } """, [OpenAi, Anthropic, Ollama] },
        { "if", """ "value": { "type": "string", "if": { "const": "a" }, "then": { "minLength": 2 } } """, [OpenAi, Anthropic, Ollama] },
        { "else", """ "value": { "type": "string", "else": { "minLength": 2 } } """, [OpenAi, Anthropic, Ollama] },
        { "patternProperties", """ "value": { "type": "object", "properties": { "a": { "type": "string" } }, "patternProperties": { "^x": { "type": "string" } } } """, [OpenAi, Anthropic, Ollama] },
        { "propertyNames", """ "value": { "type": "object", "properties": { "a": { "type": "string" } }, "propertyNames": { "maxLength": 3 } } """, [OpenAi, Anthropic, Ollama] },
        { "unevaluatedProperties", """ "value": { "type": "object", "properties": { "a": { "type": "string" } }, "unevaluatedProperties": false } """, [OpenAi, Anthropic, Ollama] },
        { "unevaluatedItems", """ "value": { "type": "array", "items": { "type": "string" }, "unevaluatedItems": false } """, [OpenAi, Anthropic, Ollama] },
        { "dependentRequired", """ "value": { "type": "object", "properties": { "a": { "type": "string" } }, "dependentRequired": { "a": ["b"] } } """, [OpenAi, Anthropic, Ollama] },
        { "dependentSchemas", """ "value": { "type": "object", "properties": { "a": { "type": "string" } }, "dependentSchemas": { "a": { "required": ["b"] } } } """, [OpenAi, Anthropic, Ollama] },
        { "prefixItems", """ "value": { "type": "array", "prefixItems": [ { "type": "string" } ] } """, [OpenAi, Anthropic, Ollama] },
        { "contains", """ "value": { "type": "array", "items": { "type": "string" }, "contains": { "const": "x" } } """, [OpenAi, Anthropic, Ollama] },
        { "uniqueItems", """ "value": { "type": "array", "items": { "type": "string" }, "uniqueItems": true } """, [OpenAi, Anthropic] },
        { "oneOf", """ "value": { "oneOf": [ { "type": "integer" }, { "type": "number" } ] } """, [OpenAi, Anthropic, Ollama] },
        { "allOf", """ "value": { "allOf": [ { "type": "string" }, { "maxLength": 3 } ] } """, [OpenAi, Anthropic, Ollama] },
        { "additionalProperties", """ "value": { "type": "object", "additionalProperties": { "type": "string" } } """, [OpenAi, Anthropic] },
        { "minLength", """ "value": { "$ref": "#/$defs/other", "minLength": 2 } """, [OpenAi, Anthropic, Ollama] },
        { "enum", """ "value": { "enum": [ { "a": 1 }, { "a": 2 } ] } """, [Anthropic] },
    };

    [Theory]
    [MemberData(nameof(Keywords))]
    public void An_inexpressible_keyword_is_reported_at_its_place_for_each_provider_that_cannot_take_it(string keyword, string members, string[] providers)
    {
        var schema = Schema(members);
        var diagnostics = Run(schema);

        foreach (var id in new[] { OpenAi, Anthropic, Ollama })
        {
            var reported = diagnostics.Where(d => d.Id == id && d.GetMessage().Contains("keyword '" + keyword + "'")).ToList();
            if (!providers.Contains(id))
            {
                Assert.Empty(reported);
                continue;
            }

            var diagnostic = Assert.Single(reported);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            ContractTextPosition.AssertAt(diagnostic, StrictSchemaContracts.SchemaPath, schema, "\"" + keyword + "\"");
            Assert.Contains("Prompt 'probe'", diagnostic.GetMessage());
            Assert.Contains("falls back to JSON mode + the generated validator + repair", diagnostic.GetMessage());
        }
    }

    [Fact]
    public void Recursion_is_reported_for_Anthropic_only_at_the_reference_that_closes_the_cycle()
    {
        var schema = Schema(""" "children": { "type": "array", "items": { "$ref": "#/$defs/probe" } } """);

        var diagnostic = Assert.Single(Run(schema), d => d.Id.StartsWith("ALX05", System.StringComparison.Ordinal));

        Assert.Equal(Anthropic, diagnostic.Id);
        ContractTextPosition.AssertAt(diagnostic, StrictSchemaContracts.SchemaPath, schema, "\"$ref\"");
        Assert.Contains("recursive", diagnostic.GetMessage());
    }

    [Fact]
    public void An_exportable_schema_reports_nothing()
        => Assert.DoesNotContain(Run(StrictSchemaContracts.Exportable, "flat", "nested", "drawing", "merged"), d => d.Id.StartsWith("ALX05", System.StringComparison.Ordinal));

    [Theory]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Info, DiagnosticSeverity.Info)]
    public void The_severity_can_be_configured_per_provider(ReportDiagnostic configured, DiagnosticSeverity expected)
    {
        // dotnet_diagnostic.ALX0501.severity in a .globalconfig/.editorconfig reaches the compiler as these options.
        var schema = Schema(""" "value": { "type": "array", "items": { "type": "string" }, "uniqueItems": true } """);

        var diagnostics = Run(schema, options: new Dictionary<string, ReportDiagnostic> { [OpenAi] = configured, [Anthropic] = ReportDiagnostic.Suppress });

        Assert.Equal(expected, Assert.Single(diagnostics, d => d.Id == OpenAi).Severity);
        Assert.DoesNotContain(diagnostics, d => d.Id == Anthropic);
    }

    private static string Schema(string members) => $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "other": { "type": "string" },
            "probe": {
              "type": "object",
              "properties": {
                {{members.Trim()}}
              },
              "additionalProperties": false
            }
          }
        }
        """;

    private static ImmutableArray<Diagnostic> Run(string schema, IReadOnlyDictionary<string, ReportDiagnostic>? options = null)
        => Run(schema, options, "probe");

    private static ImmutableArray<Diagnostic> Run(string schema, params string[] definitions) => Run(schema, null, definitions);

    private static ImmutableArray<Diagnostic> Run(string schema, IReadOnlyDictionary<string, ReportDiagnostic>? options, params string[] definitions)
    {
        var harness = StrictSchemaContracts.Harness(schema, definitions);
        var compilation = harness.CreateCompilation();
        if (options is not null)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(options));
        }

        harness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }
}
