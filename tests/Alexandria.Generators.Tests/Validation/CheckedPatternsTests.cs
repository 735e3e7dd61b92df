using System;
using System.Text.RegularExpressions;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Patterns are translated and checked once per distinct pattern (Parsing/Validation/CheckedPatterns): asking again must
/// give what the first check gave — the same translation, and for a pattern .NET cannot compile, the same error every
/// time, so ALX0105 is reported on every build, not only the first.
/// </summary>
public sealed class CheckedPatternsTests
{
    [Theory]
    [InlineData("^[a-z][a-z0-9_]*$")]
    [InlineData(@"^\d{4}-\d{2}$")]
    [InlineData("^(?!/)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,512}$")]
    public void A_valid_pattern_gives_its_translation_every_time(string ecma)
    {
        for (var ask = 0; ask < 2; ask++)
        {
            Assert.True(CheckedPatterns.TryTranslate(ecma, out var translated, out var error));
            Assert.Equal(EcmaRegexTranslator.Translate(ecma), translated);
            Assert.Equal("", error);
        }
    }

    [Theory]
    [InlineData("(unclosed")]
    [InlineData("[z-a]")]
    public void A_pattern_NET_cannot_compile_gives_the_compilers_error_every_time(string ecma)
    {
        var expected = Assert.ThrowsAny<ArgumentException>(() => new Regex(EcmaRegexTranslator.Translate(ecma), RegexOptions.CultureInvariant)).Message;
        for (var ask = 0; ask < 2; ask++)
        {
            Assert.False(CheckedPatterns.TryTranslate(ecma, out _, out var error));
            Assert.Equal(expected, error);
        }
    }
}
