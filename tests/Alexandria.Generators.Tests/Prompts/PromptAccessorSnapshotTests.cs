using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Prompts;

public sealed class PromptAccessorSnapshotTests
{
    [Fact]
    public void Accessors_of_a_synthetic_manifest_match_their_snapshots()
    {
        foreach (var source in PromptContracts.Emit(PromptContracts.Triage))
        {
            SnapshotAssert.Matches(source.Text, "Synthetic." + source.HintName.Replace(".g.cs", ""));
        }
    }

    [Fact]
    public void Accessors_of_the_real_manifest_match_their_snapshots()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run();
        var sources = run.Sources.Where(s => s.HintName.StartsWith("prompts_manifest.Prompts.", System.StringComparison.Ordinal)).ToList();

        Assert.Equal(
            new[] { "PlannerPrompt", "ExecutorPrompt", "RepairPrompt", "SnapshotNarrativePrompt", "PromptCatalog", "RenderedPrompt" }.Order(),
            sources.Select(s => s.HintName.Split('.')[2]).Order());
        foreach (var source in sources)
        {
            SnapshotAssert.Matches(source.SourceText.ToString(), "Real." + source.HintName.Replace(".g.cs", ""));
        }
    }
}
