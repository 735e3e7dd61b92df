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
