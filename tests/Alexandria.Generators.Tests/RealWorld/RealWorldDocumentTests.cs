using System.Linq;
using Xunit.Abstractions;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>
/// Public OpenAPI documents as their publishers ship them (3.0 and 3.1, JSON and YAML, small and large) build through
/// the generator with no error, compile warning-free, and type every body that has a shape. Opt out of the large ones
/// with <c>--filter "Category!=LargeDocument"</c>.
/// </summary>
public sealed class RealWorldDocumentTests(ITestOutputHelper output)
{
    public static TheoryData<string> Documents() => new(RealWorldDocument.Names());

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_public_document_builds_with_no_errors_and_compiles(string name)
    {
        var document = RealWorldDocument.Build(name);
        output.WriteLine(document.Summary());
        foreach (var diagnostic in document.Run.GeneratorDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning || d.Id is "ALX0210" or "ALX0120").Take(50))
        {
            output.WriteLine(diagnostic.ToString());
        }

        foreach (var diagnostic in document.Run.CompilationDiagnostics.Take(30))
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.Empty(document.Errors);
        document.Run.AssertCompiles();
    }
}
