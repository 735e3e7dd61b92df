using System;
using System.Text.RegularExpressions;
using Alexandria.Generators.Emitting.Validation;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// The generator's syntactic choice of engine agrees with what .NET's NonBacktracking engine accepts: every pattern
/// it calls linear builds on that engine, and every one it sends to backtracking holds a construct the engine refuses.
/// </summary>
public sealed class LinearPatternsTests
{
    [Theory]
    [InlineData("(a+)+$", true)]
    [InlineData(@"^(\w+\s?)*$", true)]
    [InlineData("(.*a){20}", true)]
    [InlineData(@"^(/([^~/]|~[01])*)*$", true)]
    [InlineData(@"^[\p{L}\p{N}]+$", true)]
    [InlineData("^(?<year>[0-9]{4})-(?:[0-9]{2})$", true)]
    [InlineData(@"^[(?=]x$", true)] // lookahead characters inside a class are literals
    [InlineData(@"^\(\?=x$", true)] // and so are escaped ones
    [InlineData("a*?b", true)]
    [InlineData(@"^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,512}$", false)]
    [InlineData("^(?=a)b", false)]
    [InlineData("(?<=a)b", false)]
    [InlineData("(?<!a)b", false)]
    [InlineData(@"^(a)\1$", false)]
    [InlineData(@"^(?<x>a)\k<x>$", false)]
    public void An_ECMA_pattern_runs_linear_exactly_when_NonBacktracking_accepts_its_translation(string ecma, bool linear)
    {
        var translated = EcmaRegexTranslator.Translate(ecma);

        Assert.Equal(linear, LinearPatterns.Allow(translated));
        Assert.Equal(linear, BuildsWithoutBacktracking(translated));
    }

    [Theory]
    [InlineData("(?>a+)b")]
    [InlineData("(?(a)a|b)")]
    [InlineData("(?<o>a)(?<c-o>b)")]
    [InlineData("(?'o'a)(?'c-o'b)")]
    [InlineData(@"\Ga")]
    public void DotNet_only_constructs_that_need_backtracking_are_recognised(string pattern)
    {
        Assert.False(LinearPatterns.Allow(pattern));
        Assert.False(BuildsWithoutBacktracking(pattern));
    }

    [Theory]
    [InlineData(@"[a\-[]x", true)] // an escaped '-' before '[' is no class subtraction
    [InlineData("[a-z-[aeiou]](?=x)", false)] // after a subtraction the class still ends where it ends
    public void Character_classes_end_where_DotNet_ends_them(string pattern, bool linear)
    {
        Assert.Equal(linear, LinearPatterns.Allow(pattern));
        Assert.Equal(linear, BuildsWithoutBacktracking(pattern));
    }

    private static bool BuildsWithoutBacktracking(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
