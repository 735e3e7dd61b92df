using System.IO;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Types;

/// <summary>The generated source for the real output_schema.json, file by file, as checked-in snapshots.</summary>
public sealed class OutputSchemaSnapshotTests
{
    private static readonly GeneratorRun Run = new GeneratorHarness()
        .WithContract(Path.Combine(RepositoryPaths.Contracts, "output_schema.json"), File.ReadAllText(Path.Combine(RepositoryPaths.Contracts, "output_schema.json")))
        .Run();

    [Theory]
    [InlineData("output_schema.RunEvent.g.cs")]
    [InlineData("output_schema.RunEventJsonConverter.g.cs")]
    [InlineData("output_schema.PlanEvent.g.cs")]
    [InlineData("output_schema.PlanEventJsonConverter.g.cs")]
    [InlineData("output_schema.AgentRole.g.cs")]
    [InlineData("output_schema.AgentRoleJsonConverter.g.cs")]
    [InlineData("output_schema.CompactionSnapshot.g.cs")]
    [InlineData("output_schema.CompactionSnapshotJsonConverter.g.cs")]
    [InlineData("output_schema.OutputSchemaJson.g.cs")]
    [InlineData("Alexandria.Optional.g.cs")]
    [InlineData("Alexandria.ContractJsonException.g.cs")]
    [InlineData("Alexandria.Validation.ContractValidationException.g.cs")]
    [InlineData("Alexandria.ContractJsonSupport.g.cs")]
    [InlineData("Alexandria.ContractSequenceEquality.g.cs")]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        SnapshotAssert.Matches(Run.Source(hintName), hintName.Replace(".g.cs", ""));
    }

    [Fact]
    public void Output_schema_compiles_with_nullable_enabled_and_no_warnings()
    {
        Run.AssertCompiles();
        // Only the two members whose schemas allow any object are listed (ALX0120): tool arguments and artifact metadata.
        Assert.Equal(
            new[] { "ALX0120 #/$defs/act_payload/properties/arguments", "ALX0120 #/$defs/artifact_record/properties/metadata" },
            Run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("ALX01", System.StringComparison.Ordinal)).Select(d => d.Id + " " + d.GetMessage().Split('\'')[1]).OrderBy(m => m, System.StringComparer.Ordinal));
    }
}
