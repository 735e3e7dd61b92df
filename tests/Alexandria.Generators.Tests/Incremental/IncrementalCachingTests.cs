using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Incremental;

public sealed class IncrementalCachingTests
{
    private static readonly string[] ModelSteps =
    [
        TrackingNames.ContractFiles, TrackingNames.ContractKinds, TrackingNames.SchemaModels,
        TrackingNames.ValidatorModels, TrackingNames.PromptModels, TrackingNames.OpenApiModels, TrackingNames.SchemaExports,
        TrackingNames.StructuredOutputs,
    ];

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached_or_unchanged()
    {
        var harness = new GeneratorHarness().WithRepositoryContracts().WithSource("public class Consumer { }");
        var compilation = harness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("public class Consumer { public int Added; }", GeneratorHarness.ParseOptions, "Consumer.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = second.TrackedSteps.Where(s => ModelSteps.Contains(s.Key)).ToList();
        Assert.Contains(steps, s => s.Key == TrackingNames.ContractFiles);
        foreach (var (name, runs) in steps)
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {name} re-ran with reason {output.Reason} after an unrelated C# edit.");
            }
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o =>
            Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_contract_reprocesses_only_that_contract()
    {
        var harness = new GeneratorHarness()
            .WithContract("/c/a.json", """{ "$defs": { "a": { "type": "object", "properties": { "x": { "type": "string" } } } } }""")
            .WithContract("/c/b.json", """{ "$defs": { "b": { "type": "object", "properties": { "y": { "type": "integer" } } } } }""");
        var compilation = harness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation);

        var original = harness.Contracts.Single(c => c.Path == "/c/b.json");
        var replacement = new InMemoryAdditionalText("/c/b.json", """{ "$defs": { "b": { "type": "object", "properties": { "y": { "type": "string" } } } } }""");
        var second = driver.ReplaceAdditionalText(original, replacement).RunGenerators(compilation).GetRunResult().Results.Single();

        var files = second.TrackedSteps[TrackingNames.ContractFiles].SelectMany(r => r.Outputs).ToList();
        Assert.Equal(2, files.Count);
        Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified);

        foreach (var step in new[] { TrackingNames.SchemaModels, TrackingNames.ValidatorModels })
        {
            var reasons = second.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
            Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));
            Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        }
    }

    /// <summary>
    /// Issue 16, item 5: an edit to one schema file re-parses and re-emits that file only. The edit here also adds an
    /// inline type (an enum member), which changes what is gathered across files (exports, inline types): the other
    /// files' validator models must still come from the cache (each sees only its own inline types), every per-file
    /// step keeps the other files' outputs, and only the edited file's sources change.
    /// </summary>
    [Fact]
    public void Editing_one_schema_re_emits_only_its_files()
    {
        static string Schema(string name, string type, bool extra = false)
            => "{ \"$defs\": { \"" + name + "\": { \"type\": \"object\", \"properties\": { \"v\": { \"type\": \"" + type + "\" }, \"tag\": { \"enum\": [\"x\", \"y\"] }"
               + (extra ? ", \"mode\": { \"enum\": [\"on\", \"off\"] }" : "") + " } } } }";
        var harness = new GeneratorHarness()
            .WithContract("/c/a.json", Schema("a", "string"))
            .WithContract("/c/b.json", Schema("b", "integer"))
            .WithContract("/c/c.json", Schema("c", "boolean"));
        var compilation = harness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var original = harness.Contracts.Single(c => c.Path == "/c/b.json");
        var second = driver.ReplaceAdditionalText(original, new InMemoryAdditionalText("/c/b.json", Schema("b", "number", extra: true)))
            .RunGenerators(compilation).GetRunResult().Results.Single();

        List<IncrementalStepRunReason> Reasons(string step) => second.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason).ToList();
        foreach (var step in new[] { TrackingNames.ContractFiles, TrackingNames.ContractKinds, TrackingNames.SchemaModels, TrackingNames.ValidatorModels, TrackingNames.SchemaTypes })
        {
            var reasons = Reasons(step);
            Assert.True(reasons.Count == 3, $"{step}: {reasons.Count} outputs");
            Assert.True(reasons.Count(r => r is IncrementalStepRunReason.Modified) == 1, $"{step}: {string.Join(", ", reasons)}");
            Assert.True(reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged) == 2, $"{step}: {string.Join(", ", reasons)}");
        }

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Reasons(TrackingNames.InlineTypes)));
        Assert.Equal(2, Reasons(TrackingNames.ValidatorModels).Count(r => r == IncrementalStepRunReason.Cached));

        // Source outputs: per registration, only the edited file's item runs; a's and c's are served from the cache.
        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).ToList();
        var rerun = outputs.Count(o => o.Reason != IncrementalStepRunReason.Cached);
        Assert.True(rerun > 0 && outputs.Count - rerun >= 2 * rerun, $"{rerun} of {outputs.Count} source outputs re-ran");

        // And what changed is b's files alone (plus the ones the new inline type added).
        var after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.All(before.Keys, hint => Assert.True(after.ContainsKey(hint), hint + " disappeared"));
        var changed = after.Keys.Where(k => !before.TryGetValue(k, out var text) || text != after[k]).ToList();
        Assert.Contains("b.BMode.g.cs", changed);
        Assert.All(changed, hint => Assert.StartsWith("b.", hint, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_json_dom()
    {
        var harness = new GeneratorHarness().WithRepositoryContracts();
        var result = harness.CreateDriver().RunGenerators(harness.CreateCompilation()).GetRunResult().Results.Single();

        foreach (var (name, runs) in result.TrackedSteps.Where(s => ModelSteps.Contains(s.Key)))
        {
            foreach (var (value, _) in runs.SelectMany(r => r.Outputs))
            {
                PipelineModelGuard.AssertHoldsOnlyPlainData(value, name);
            }
        }
    }
}
