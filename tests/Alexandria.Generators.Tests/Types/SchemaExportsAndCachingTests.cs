using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing.Schema;
using Alexandria.Generators.Tests.Incremental;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Types;

/// <summary>What the types area tells other areas (exports), and that its steps stay cached.</summary>
public sealed class SchemaExportsAndCachingTests
{
    private static SchemaExport Export(string contract, string pointer)
        => SchemaTypeParser.Parse(new ContractFile(SyntheticSchemas.DrawingPath, "drawing.json", contract, GeneratorHarness.TestNamespace))
            .Exports.Single(e => e.Pointer == pointer);

    [Fact]
    public void Every_definition_is_exported_with_its_csharp_type_and_validator()
    {
        var shape = Export(SyntheticSchemas.Drawing, "/$defs/shape");

        Assert.Equal("drawing.json", shape.FileName);
        Assert.Equal("global::Alexandria.Contracts.Shape", shape.TypeName);
        Assert.Equal("global::Alexandria.Contracts.ShapeValidator", shape.ValidatorName);
    }

    [Fact]
    public void A_primitive_definition_exports_the_primitive_type()
    {
        Assert.Equal("string", Export(SyntheticSchemas.Drawing, "/$defs/sha256").TypeName);
    }

    [Fact]
    public void Cross_file_references_resolve_to_the_exported_types()
    {
        var common = SchemaTypeParser.Parse(new ContractFile(SyntheticSchemas.CommonPath, "common.json", SyntheticSchemas.Common, GeneratorHarness.TestNamespace));
        var order = SchemaTypeParser.Parse(new ContractFile(SyntheticSchemas.OrderPath, "order.json", SyntheticSchemas.Order, GeneratorHarness.TestNamespace));

        var resolved = CrossFileReferenceResolver.Resolve(order, common.Exports);

        var record = Assert.IsType<Alexandria.Generators.Model.Schema.RecordDeclaration>(Assert.Single(resolved.Types));
        Assert.Equal(
            new[] { "global::Alexandria.Contracts.Money", "string", "global::System.Collections.Generic.IReadOnlyList<global::Alexandria.Contracts.Currency>" },
            record.Properties.Select(p => Alexandria.Generators.Emitting.Types.CSharpTypeNames.Of(p.Type)));
        Assert.Empty(resolved.Diagnostics);
    }

    [Fact]
    public void An_unrelated_csharp_edit_leaves_the_types_steps_cached()
    {
        var harness = new GeneratorHarness().WithContract(SyntheticSchemas.DrawingPath, SyntheticSchemas.Drawing).WithSource("public class Consumer { }");
        var compilation = harness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("public class Consumer { public int Added; }", GeneratorHarness.ParseOptions, "Consumer.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.SchemaModels, TrackingNames.SchemaTypes })
        {
            var outputs = second.TrackedSteps[step].SelectMany(r => r.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + " re-ran: " + o.Reason));
        }
    }

    [Fact]
    public void The_types_models_hold_only_plain_data()
    {
        var harness = new GeneratorHarness().WithRepositoryContracts();
        var result = harness.CreateDriver().RunGenerators(harness.CreateCompilation()).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.SchemaModels, TrackingNames.SchemaTypes })
        {
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(r => r.Outputs))
            {
                PipelineModelGuard.AssertHoldsOnlyPlainData(value, step);
            }
        }
    }
}
