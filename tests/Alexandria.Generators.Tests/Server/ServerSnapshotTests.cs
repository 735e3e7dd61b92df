using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Server;

public sealed class ServerSnapshotTests
{
    [Fact]
    public void Server_code_of_a_synthetic_document_matches_its_snapshots()
    {
        foreach (var source in ServerContracts.Emit(ServerContracts.Runs))
        {
            SnapshotAssert.Matches(source.Text, "Synthetic." + source.HintName.Replace(".g.cs", ""));
        }
    }

    [Fact]
    public void Server_code_of_the_real_openapi_document_matches_its_snapshots()
    {
        var run = new GeneratorHarness().WithRepositoryContracts().Run();
        var sources = run.Sources.Where(s => s.HintName.StartsWith("openapi.Server.", System.StringComparison.Ordinal)).ToList();

        Assert.Contains(sources, s => s.HintName == "openapi.Server.IAlexandriaRuntimeServer.g.cs");
        foreach (var source in sources)
        {
            SnapshotAssert.Matches(source.SourceText.ToString(), "Real." + source.HintName.Replace(".g.cs", ""));
        }
    }
}
