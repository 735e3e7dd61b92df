using System.IO;
using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Drift;

/// <summary>The promise Alexandria is picked for: a contract change that breaks a consumer fails its build at the use site.</summary>
public sealed class ContractDriftCompileTests
{
    private const string Consumer = """
        namespace Consumer;

        public static class EvidenceFormatter
        {
            public static string Describe(global::Alexandria.Contracts.EvidencePointer pointer)
                => pointer.EvidenceId + "#" + pointer.ChunkId;
        }
        """;

    [Fact]
    public void Consumer_compiles_against_the_real_contracts()
    {
        new GeneratorHarness().WithRepositoryContracts().WithSource(Consumer).Run().AssertCompiles();
    }

    [Fact]
    public void Removing_a_property_the_consumer_uses_fails_the_build_at_the_use_site()
    {
        var schemaPath = Path.Combine(RepositoryPaths.Contracts, "output_schema.json");
        var schema = File.ReadAllText(schemaPath);
        var mutated = ContractMutations.RemoveProperty(schema, "evidence_pointer", "chunk_id");

        var harness = new GeneratorHarness().WithSource(Consumer, "EvidenceFormatter.cs");
        foreach (var path in RepositoryPaths.ContractFiles())
        {
            harness.WithContract(path, path == schemaPath ? mutated : File.ReadAllText(path));
        }

        var run = harness.Run();

        var error = Assert.Single(run.CompilationDiagnostics, d => d.Id == "CS1061");
        Assert.Contains("ChunkId", error.GetMessage());
        var span = error.Location.GetLineSpan();
        Assert.Equal("EvidenceFormatter.cs", span.Path);
        Assert.Equal(5, span.StartLinePosition.Line); // 0-based: the "=> pointer.EvidenceId + ..." line
        Assert.All(run.CompilationDiagnostics.Where(d => d.Id != "CS1061"), d => Assert.Fail("Unexpected: " + d));
    }
}
