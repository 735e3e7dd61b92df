using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Validation;

public sealed class ValidatorDiagnosticsTests
{
    [Fact]
    public void An_invalid_pattern_is_ALX0105_at_the_pattern_value()
    {
        const string text = "{\n  \"$defs\": {\n    \"code\": {\n      \"type\": \"string\",\n      \"pattern\": \"^[a-z\"\n    }\n  }\n}\n";
        var run = new GeneratorHarness().WithContract("/c/codes.json", text).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0105");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(17, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        ContractTextPosition.AssertAt(diagnostic, "/c/codes.json", text, "\"^[a-z\"");
    }

    [Fact]
    public void An_invalid_pattern_property_is_ALX0105_at_the_member_name()
    {
        const string text = "{\n  \"$defs\": {\n    \"bag\": { \"patternProperties\": { \"(\": true } }\n  }\n}\n";
        var run = new GeneratorHarness().WithContract("/c/bag.json", text).Run();

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ALX0105");
        ContractTextPosition.AssertAt(diagnostic, "/c/bag.json", text, "\"(\"");
    }
}
