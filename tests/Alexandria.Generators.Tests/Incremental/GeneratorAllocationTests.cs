using System;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alexandria.Generators.Tests.Incremental;

/// <summary>
/// Issue 16, item 5: what the generator allocates per small schema (one <c>$defs</c> object with five members, as
/// GeneratorScalingBenchmarks uses). ≈ 150 KB (docs/benchmarks.md, "Generator scaling"; ≈ 280 KB before generated
/// text was kept as bytes and each contract parsed once, ≈ 186 KB before each validator method model was built once and
/// patterns checked once per distinct pattern); the budget leaves ≈ 15 % for generated code to grow, and fails if a
/// file's text goes back to a string, a contract is parsed per area again, a method model is copied per keyword again,
/// or emitting falls back to concatenating lines.
/// </summary>
public sealed class GeneratorAllocationTests
{
    private const int BudgetBytesPerSchema = 170 * 1024;

    [Fact]
    public void A_small_schema_costs_the_generator_less_than_its_allocation_budget()
    {
        Allocated(2);
        var few = Allocated(2);
        var many = Allocated(22);
        var perSchema = (many - few) / 20;

        Assert.True(perSchema <= BudgetBytesPerSchema, $"the generator allocated {perSchema / 1024} KB per schema; the budget is {BudgetBytesPerSchema / 1024} KB");
    }

    /// <summary>Bytes this thread allocated while the driver ran the generator over <paramref name="schemas"/> schemas.</summary>
    private static long Allocated(int schemas)
    {
        var harness = new GeneratorHarness().WithNamespace("Synthetic");
        for (var i = 0; i < schemas; i++)
        {
            harness.WithContract($"/contracts/synthetic_{i:D4}.json", SyntheticScalingSchema.Text(i));
        }

        var driver = harness.CreateDriver(trackSteps: false);
        var compilation = CSharpCompilation.Create("Allocations", [], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = driver.RunGenerators(compilation).GetRunResult();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(result.GeneratedTrees.Length > schemas * 9, "every schema yields its record, converters, validators and entry point");
        return allocated;
    }
}
