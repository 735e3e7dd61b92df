using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Serialization;

/// <summary>The record and converter generated for every nullable shape, as checked-in snapshots (review them with the round-trip tests).</summary>
public sealed class NullableShapesSnapshotTests
{
    private static readonly GeneratorRun Run = new GeneratorHarness().WithContract(NullableShapes.Path, NullableShapes.Contract).Run();

    [Theory]
    [InlineData("shapes.Holder.g.cs")]
    [InlineData("shapes.HolderJsonConverter.g.cs")]
    [InlineData("shapes.Pet.g.cs")]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        SnapshotAssert.Matches(Run.Source(hintName), hintName.Replace(".g.cs", ""));
    }

    [Fact]
    public void The_contract_compiles_without_a_warning()
    {
        Run.AssertCompiles();

        // The one diagnostic lists the member that is JsonElement because its schema allows anything.
        var untyped = Assert.Single(Run.GeneratorDiagnostics);
        Assert.Equal("ALX0120", untyped.Id);
        Assert.Contains("'#/$defs/holder/properties/any'", untyped.GetMessage());
    }
}
