using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Generators.Tests.OpenApi;

public sealed class OpenApiExplore(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var run = new GeneratorHarness().WithContract(OpenApiDocuments.PetstorePath, OpenApiDocuments.Petstore30).Run();
        foreach (var d in run.GeneratorDiagnostics) output.WriteLine(d.ToString());
        foreach (var d in run.CompilationDiagnostics.Take(20)) output.WriteLine("CS: " + d);
        foreach (var s in run.Sources) output.WriteLine("== " + s.HintName);
        output.WriteLine(run.Sources.First(s => s.HintName.Contains("ListPets.g")).SourceText.ToString());
    }
}
