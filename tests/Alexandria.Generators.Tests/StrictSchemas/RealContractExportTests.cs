using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>The repository's own prompts: what each provider gets, checked in as snapshots and against the providers' rules.</summary>
public sealed class RealContractExportTests
{
    [Fact]
    public void Output_schemas_of_the_real_manifest_match_their_snapshots_and_compile()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run().AssertCompiles();
        var sources = run.Sources.Where(s => s.HintName.StartsWith("prompts_manifest.OutputSchemas.", System.StringComparison.Ordinal)).ToList();

        Assert.Equal(
            new[] { "StructuredOutputSchemas", "PlannerPrompt", "ExecutorPrompt", "RepairPrompt" }.Order(),
            sources.Select(s => s.HintName.Split('.')[2]).Order());
        foreach (var source in sources)
        {
            SnapshotAssert.Matches(source.SourceText.ToString(), "Real." + source.HintName.Replace(".g.cs", ""));
        }
    }
}
