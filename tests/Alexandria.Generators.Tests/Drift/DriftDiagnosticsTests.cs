using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Drift;
using Alexandria.Generators.Tests.Incremental;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Drift;

/// <summary>Drift through the real pipeline: the generator compares the contracts with the lock and reports located diagnostics.</summary>
public sealed class DriftDiagnosticsTests
{
    private const string SchemaPath = "/repo/contracts/schema.json";
    private const string LockPath = "/repo/contracts/contracts.lock.json";

    private const string Base = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "x-alexandria-version": "1.0.0",
          "$defs": {
            "evidence_pointer": {
              "type": "object",
              "properties": {
                "evidence_id": { "type": "string", "maxLength": 128 },
                "chunk_id": { "type": "string" }
              },
              "required": ["evidence_id", "chunk_id"]
            }
          }
        }
        """;

    private static readonly string ChunkIdRemoved = string.Join("\n", Base.Split('\n').Where(l => !l.Contains("\"chunk_id\": {", System.StringComparison.Ordinal)))
        .Replace("\"maxLength\": 128 },", "\"maxLength\": 128 }")
        .Replace("[\"evidence_id\", \"chunk_id\"]", "[\"evidence_id\"]");

    private static string Lock(string schema) => DriftFixture.LockText(new Dictionary<string, string> { ["schema.json"] = schema });

    private static IReadOnlyList<Diagnostic> Drift(string schema, string? lockText)
    {
        var harness = new GeneratorHarness().WithContract(SchemaPath, schema);
        if (lockText is not null)
        {
            harness.WithContract(LockPath, lockText);
        }

        return harness.Run().GeneratorDiagnostics.Where(d => d.Id.StartsWith("ALX04", System.StringComparison.Ordinal)).ToList();
    }

    private static void AssertAt(Diagnostic diagnostic, string id, DiagnosticSeverity severity, string path, int line, int column)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void Without_a_lock_file_nothing_is_reported()
    {
        Assert.Empty(Drift(ChunkIdRemoved, lockText: null));
    }

    [Fact]
    public void Contracts_equal_to_the_lock_report_nothing()
    {
        Assert.Empty(Drift(Base, Lock(Base)));
    }

    [Fact]
    public void Removed_property_is_an_error_at_the_properties_member_of_its_schema()
    {
        var diagnostic = Assert.Single(Drift(ChunkIdRemoved, Lock(Base)));
        AssertAt(diagnostic, "ALX0402", DiagnosticSeverity.Error, SchemaPath, 6, 6);
        Assert.Equal(
            "#/$defs/evidence_pointer: property 'chunk_id' was removed. If this is intended, bump x-alexandria-version to 2.0.0 and run 'alexandria contracts lock'",
            diagnostic.GetMessage());
    }

    [Fact]
    public void Tightened_max_length_is_an_error_at_the_keyword()
    {
        var diagnostic = Assert.Single(Drift(Base.Replace("\"maxLength\": 128", "\"maxLength\": 64"), Lock(Base)));
        AssertAt(diagnostic, "ALX0410", DiagnosticSeverity.Error, SchemaPath, 7, 43);
        Assert.StartsWith("#/$defs/evidence_pointer/properties/evidence_id: maxLength tightened from 128 to 64.", diagnostic.GetMessage());
    }

    [Fact]
    public void Relaxed_max_length_is_a_compatible_info()
    {
        var diagnostic = Assert.Single(Drift(Base.Replace("\"maxLength\": 128", "\"maxLength\": 256"), Lock(Base)));
        AssertAt(diagnostic, "ALX0481", DiagnosticSeverity.Info, SchemaPath, 7, 43);
    }

    [Fact]
    public void Major_version_bump_accepts_the_breaking_change_and_asks_for_a_new_lock()
    {
        var bumped = ChunkIdRemoved.Replace("\"1.0.0\"", "\"2.0.0\"");
        var diagnostics = Drift(bumped, Lock(Base));

        Assert.Equal(2, diagnostics.Count);
        var accepted = diagnostics.Single(d => d.Id == "ALX0480");
        AssertAt(accepted, "ALX0480", DiagnosticSeverity.Info, SchemaPath, 6, 6);
        Assert.StartsWith("ALX0402 accepted by version bump 1.0.0 → 2.0.0 of x-alexandria-version:", accepted.GetMessage());
        var stale = diagnostics.Single(d => d.Id == "ALX0490");
        AssertAt(stale, "ALX0490", DiagnosticSeverity.Warning, SchemaPath, 2, 26);
        Assert.Contains("alexandria contracts lock", stale.GetMessage());
    }

    [Fact]
    public void Minor_version_bump_does_not_accept_a_breaking_change()
    {
        var diagnostics = Drift(ChunkIdRemoved.Replace("\"1.0.0\"", "\"1.1.0\""), Lock(Base));

        var error = diagnostics.Single(d => d.Id == "ALX0402");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("(1.0.0 → 1.1.0 is not a major bump)", error.GetMessage());
        Assert.Single(diagnostics, d => d.Id == "ALX0490");
    }

    [Fact]
    public void Refreshed_lock_after_a_bump_reports_nothing()
    {
        var bumped = ChunkIdRemoved.Replace("\"1.0.0\"", "\"2.0.0\"");
        Assert.Empty(Drift(bumped, Lock(bumped)));
    }

    [Fact]
    public void Removed_contract_is_an_error_at_its_lock_entry()
    {
        var lockText = DriftFixture.LockText(new Dictionary<string, string> { ["schema.json"] = Base, ["gone.json"] = Base });
        var diagnostic = Assert.Single(Drift(Base, lockText));
        AssertAt(diagnostic, "ALX0400", DiagnosticSeverity.Error, LockPath, 3, 4);
        Assert.Contains("'gone.json'", diagnostic.GetMessage());
    }

    [Fact]
    public void Contract_that_is_not_valid_json_now_is_not_reported_as_removed()
    {
        var harness = new GeneratorHarness().WithContract(SchemaPath, "{ \"$defs\": ").WithContract(LockPath, Lock(Base));
        var diagnostics = harness.Run().GeneratorDiagnostics;
        Assert.Contains(diagnostics, d => d.Id == "ALX0001");
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("ALX04", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_lock_file_is_a_warning_on_the_lock()
    {
        var diagnostic = Assert.Single(Drift(Base, """{ "lock_version": 99, "contracts": {} }"""));
        AssertAt(diagnostic, "ALX0491", DiagnosticSeverity.Warning, LockPath, 0, 0);
        Assert.Contains("lock_version 99 is not supported", diagnostic.GetMessage());
    }

    [Fact]
    public void Repository_contracts_match_the_committed_lock()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run();
        var drift = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("ALX04", System.StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(drift.Count == 0, "contracts/ drifted from contracts/contracts.lock.json (run 'alexandria contracts lock' if intended):\n" + string.Join("\n", drift));
    }

    [Fact]
    public void Drift_step_is_cached_after_an_unrelated_csharp_edit_and_holds_plain_data()
    {
        var harness = new GeneratorHarness().WithRepositoryContracts().WithSource("public class Consumer { }");
        var compilation = harness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        foreach (var (value, _) in first.TrackedSteps[TrackingNames.ContractDrift].SelectMany(r => r.Outputs))
        {
            PipelineModelGuard.AssertHoldsOnlyPlainData(value, TrackingNames.ContractDrift);
        }

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("public class Consumer { public int Added; }", GeneratorHarness.ParseOptions, "Consumer.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.All(second.TrackedSteps[TrackingNames.ContractDrift].SelectMany(r => r.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "ContractDrift re-ran: " + o.Reason));
    }
}
