using System.Linq;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Diagnostics;

public sealed class ContractFileDiagnosticsTests
{
    [Fact]
    public void Invalid_json_is_reported_at_the_offending_character_and_nothing_throws()
    {
        const string text = "{\n  \"$defs\": {\n    \"a\": { \"type\": \"string\" },\n    \"b\": { \"type\" \"string\" }\n  }\n}\n";
        var run = new GeneratorHarness().WithContract("/repo/contracts/broken.json", text).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ALX0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/repo/contracts/broken.json", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);        // 0-based: the fourth line
        Assert.Equal(18, span.StartLinePosition.Character);  // the second string, where ":" belongs
        Assert.Contains("':' was expected", diagnostic.GetMessage());
        // Nothing comes from the broken file; only the post-initialization output every compilation gets.
        Assert.DoesNotContain(run.Sources, s => s.HintName != Generators.Analyzers.DeterministicPromptAssemblyAttributeSource.HintName && s.HintName != "Microsoft.CodeAnalysis.EmbeddedAttribute.cs");
    }

    [Fact]
    public void Duplicate_member_is_reported_at_the_second_name()
    {
        const string text = "{\n  \"$defs\": {},\n  \"$defs\": {}\n}\n";
        var run = new GeneratorHarness().WithContract("/repo/contracts/dup.json", text).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0002");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(2, span.StartLinePosition.Line);
        Assert.Equal(2, span.StartLinePosition.Character);
        Assert.Equal(7, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public void A_json_file_of_no_known_contract_shape_is_a_warning_not_an_error()
    {
        var run = new GeneratorHarness().WithContract("/repo/contracts/other.json", "[1, 2, 3]").Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ALX0003", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }
}
