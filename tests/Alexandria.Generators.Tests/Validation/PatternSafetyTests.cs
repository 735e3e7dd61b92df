using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Known catastrophic patterns × adversarial inputs, compiled through the generator. Every validation (Validate,
/// IsValid on the element, IsValid on the bytes) ends well within a bound, never throws, and gives the pattern's
/// true verdict, or, where only the backtracking engine can run the pattern, a <c>pattern</c> error saying the
/// match took too long. The true verdicts come from plain C# predicates written for each pattern, not from a regex.
/// </summary>
public sealed class PatternSafetyTests
{
    /// <summary>Generous: the limit is 250 ms; the rest is regex construction and a busy machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private const string Emoji = "\U0001F600";

    /// <summary>Member → (ECMA pattern, runs on the linear engine, the language it denotes).</summary>
    private static readonly Dictionary<string, (string Pattern, bool Linear, Func<string, bool> Matches)> Patterns = new()
    {
        ["nested"] = ("(a+)+$", true, s => s.EndsWith('a')),
        ["alternation"] = ("(a|aa)+$", true, s => s.EndsWith('a')),
        ["dot_star_twenty"] = ("(.*a){20}", true, s => s.Count(c => c == 'a') >= 20),
        ["words"] = (@"^(\w+\s?)*$", true, IsWords),
        ["astral_alternation"] = ("^(" + Emoji + "|" + Emoji + Emoji + ")+$", true, s => s.Length > 0 && IsEmojiRun(s)),
        // The contract's artifact path: a lookahead, so backtracking, but linear since '.' matches a code point one way.
        ["path"] = (@"^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,512}$", false, IsPath),
        ["nested_lookahead"] = ("^(?=a)(a+)+$", false, s => s.Length > 0 && s.All(c => c == 'a')),
        ["words_lookbehind"] = (@"^(\w+\s?)*(?<!x)$", false, s => IsWords(s) && !s.EndsWith('x')),
        ["astral_lookahead"] = ("^(?!x)(" + Emoji + "+)+$", false, s => s.Length > 0 && IsEmojiRun(s)),
        ["backreference"] = (@"^(a+)+\1$", false, s => s.Length >= 2 && s.All(c => c == 'a')),
    };

    private static readonly Dictionary<string, string> Inputs = new()
    {
        ["a_x40_bang"] = new string('a', 40) + "!",
        ["a_x5000_bang"] = new string('a', 5000) + "!",
        ["a_x5000"] = new string('a', 5000),
        ["b_x5000"] = new string('b', 5000),
        ["emoji_x29"] = string.Concat(Enumerable.Repeat(Emoji, 29)),
        ["emoji_x29_bang"] = string.Concat(Enumerable.Repeat(Emoji, 29)) + "!",
        ["emoji_x2000_bang"] = string.Concat(Enumerable.Repeat(Emoji, 2000)) + "!",
        ["words_x30_bang"] = string.Concat(Enumerable.Repeat("ab ", 30)) + "!",
        ["dotted_path"] = "runs/r1/" + new string('a', 400) + "/../x",
        ["good_path"] = "runs/r1/artifacts/report.md",
    };

    private static readonly string Schema = BuildSchema();

    private static readonly Lazy<CompiledValidators> Validators = new(() =>
        CompiledValidators.From(new GeneratorHarness().WithContract("/c/catastrophic.json", Schema, ("AlexandriaEmit", "validators"))));

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var member in Patterns.Keys)
        {
            foreach (var input in Inputs.Keys)
            {
                data.Add(member, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_catastrophic_pattern_gives_its_verdict_or_a_pattern_error_within_the_bound(string member, string input)
    {
        var (pattern, linear, matches) = Patterns[member];
        var text = Inputs[input];
        var expected = matches(text);
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { [member] = text }, RawText);

        var errors = Timed(() => Validators.Value.Validate("CatastrophicValidator", json), "Validate");
        var onElement = Timed(() => Validators.Value.IsValid("CatastrophicValidator", json), "IsValid(JsonElement)");
        var onBytes = Timed(() => Validators.Value.IsValidUtf8("CatastrophicValidator", json), "IsValid(bytes)");

        var tookTooLong = errors.Any(e => e.Message.Contains("took longer than", StringComparison.Ordinal));
        Assert.True(!linear || !tookTooLong, pattern + " runs on the linear engine, yet timed out on " + input);
        if (tookTooLong)
        {
            // Refused: one pattern error at the member, and neither IsValid accepts.
            var error = Assert.Single(errors);
            Assert.Equal(("/" + member, "pattern"), (error.InstancePointer, error.Keyword));
            Assert.False(onElement || onBytes);
            return;
        }

        Assert.Equal(expected, errors.Count == 0);
        if (!expected)
        {
            var error = Assert.Single(errors);
            Assert.Equal(("/" + member, "pattern"), (error.InstancePointer, error.Keyword));
            Assert.Contains("does not match the pattern", error.Message, StringComparison.Ordinal);
        }

        // IsValid may time out where Validate did not (a match near the limit); then it refuses, never accepts wrongly.
        Assert.True(onElement == expected || (!linear && !onElement), "IsValid(JsonElement) said " + onElement);
        Assert.True(onBytes == expected || (!linear && !onBytes), "IsValid(bytes) said " + onBytes);
    }

    [Fact]
    public void A_match_past_the_limit_is_a_pattern_error_at_the_member_that_says_the_value_is_refused()
    {
        var json = "{\"nested_lookahead\": \"" + new string('a', 40) + "!\"}";

        var error = Assert.Single(Timed(() => Validators.Value.Validate("CatastrophicValidator", json), "Validate"));

        Assert.Equal(("/nested_lookahead", "pattern"), (error.InstancePointer, error.Keyword));
        Assert.Equal("\"" + new string('a', 40) + "\u2026\" took longer than 250 ms to match the pattern ^(?=a)(a+)+$; the value is refused", error.Message);
    }

    [Fact]
    public void A_timeout_under_not_refuses_the_instance_instead_of_passing_it()
    {
        // The true answer is "no match", so 'not' would pass: a timeout must not be read as that answer.
        var json = "{\"negated\": \"" + new string('a', 40) + "!\"}";

        var errors = Timed(() => Validators.Value.Validate("CatastrophicValidator", json), "Validate");

        var error = Assert.Single(errors, e => e.Keyword == "pattern");
        Assert.Equal("/negated", error.InstancePointer);
        Assert.Contains("took longer than", error.Message, StringComparison.Ordinal);
        Assert.False(Timed(() => Validators.Value.IsValid("CatastrophicValidator", json), "IsValid(JsonElement)"));
        Assert.False(Timed(() => Validators.Value.IsValidUtf8("CatastrophicValidator", json), "IsValid(bytes)"));
    }

    [Fact]
    public void A_member_name_past_the_limit_is_refused_at_the_member()
    {
        var name = new string('a', 40) + "!";
        var json = "{\"names\": {\"" + name + "\": 1}}";

        var error = Assert.Single(Timed(() => Validators.Value.Validate("CatastrophicValidator", json), "Validate"));

        Assert.Equal(("/names/" + name, "patternProperties"), (error.InstancePointer, error.Keyword));
        Assert.StartsWith("member name \"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("to match the pattern ^(?=a)(a+)+$; the member is refused", error.Message, StringComparison.Ordinal);
        Assert.False(Timed(() => Validators.Value.IsValid("CatastrophicValidator", json), "IsValid(JsonElement)"));
        Assert.False(Timed(() => Validators.Value.IsValidUtf8("CatastrophicValidator", json), "IsValid(bytes)"));
    }

    [Fact]
    public void A_timeout_ends_the_validation_so_many_hostile_strings_cost_one_limit()
    {
        // 40 strings that each take the full limit: matched one after another they would take 10 s.
        var hostile = "\"" + new string('a', 40) + "!\"";
        var json = "{\"many\": [" + string.Join(", ", Enumerable.Repeat(hostile, 40)) + "]}";

        var error = Assert.Single(Timed(() => Validators.Value.Validate("CatastrophicValidator", json), "Validate"));

        Assert.Equal(("/many/0", "pattern"), (error.InstancePointer, error.Keyword));
        Assert.False(Timed(() => Validators.Value.IsValid("CatastrophicValidator", json), "IsValid(JsonElement)"));
        Assert.False(Timed(() => Validators.Value.IsValidUtf8("CatastrophicValidator", json), "IsValid(bytes)"));
    }

    [Theory]
    [InlineData("{\"names\": {\"aaaa\": 1}}", true)]
    [InlineData("{\"names\": {\"aaaa\": \"x\"}}", false)]
    [InlineData("{\"negated\": \"aaaa\"}", false)]
    [InlineData("{\"negated\": \"b\"}", true)]
    public void Patterns_with_a_time_limit_still_decide_ordinary_values(string json, bool valid)
    {
        Assert.Equal(valid, Validators.Value.Validate("CatastrophicValidator", json).Count == 0);
        Assert.Equal(valid, Validators.Value.IsValid("CatastrophicValidator", json));
        Assert.Equal(valid, Validators.Value.IsValidUtf8("CatastrophicValidator", json));
    }

    [Theory]
    [InlineData("single_dot", Emoji, true)]
    [InlineData("single_dot", Emoji + Emoji, false)]
    [InlineData("double_dot", Emoji, false)]
    [InlineData("double_dot", "a" + Emoji, true)]
    [InlineData("single_dot_lookahead", Emoji, true)]
    [InlineData("single_dot_lookahead", "ab", false)]
    public void A_dot_matches_one_code_point_on_both_engines(string member, string text, bool valid)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { [member] = text }, RawText);

        Assert.Equal(valid, Validators.Value.Validate("CatastrophicValidator", json).Count == 0);
        Assert.Equal(valid, Validators.Value.IsValidUtf8("CatastrophicValidator", json));
    }

    [Theory]
    [InlineData(null, 250.0)]
    [InlineData("500", 500.0)]
    [InlineData("1500.5", 1500.5)]
    [InlineData("00:00:02", 2000.0)]
    [InlineData(750, 750.0)]
    [InlineData("0", 250.0)]
    [InlineData("-5", 250.0)]
    [InlineData("soon", 250.0)]
    [InlineData(double.NaN, 250.0)]
    public void The_time_limit_setting_reads_milliseconds_or_a_TimeSpan_and_falls_back_to_250_ms(object? value, double milliseconds)
    {
        var parse = Validators.Value.SupportType("PatternMatching").GetMethod("ParseTimeout")!;

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), (TimeSpan)parse.Invoke(null, [value])!);
    }

    [Fact]
    public void Without_the_setting_every_pattern_has_the_250_ms_limit()
    {
        var timeout = Validators.Value.SupportType("PatternMatching").GetProperty("Timeout")!;

        Assert.Equal(TimeSpan.FromMilliseconds(250), (TimeSpan)timeout.GetValue(null)!);
    }

    /// <summary>Emoji as raw UTF-8, as a client sends them (the escaped form is read through the same regexes).</summary>
    private static readonly JsonSerializerOptions RawText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static T Timed<T>(Func<T> call, string what)
    {
        _ = Validators.Value; // compiling the contract is not part of any validation
        var clock = Stopwatch.StartNew();
        var result = call();
        Assert.True(clock.Elapsed < Bound, what + " took " + clock.Elapsed.TotalMilliseconds + " ms");
        return result;
    }

    private static bool IsWords(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var word = char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_';
            var space = s[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';
            if (!word && !(space && i > 0 && !IsSpaceAt(s, i - 1)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpaceAt(string s, int i) => s[i] is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    private static bool IsEmojiRun(string s) => s.Length % 2 == 0 && Enumerable.Range(0, s.Length / 2).All(i => s.Substring(2 * i, 2) == Emoji);

    private static bool IsPath(string s)
        => s.Length is >= 1 and <= 512 && !s.StartsWith('/') && !s.Contains("..", StringComparison.Ordinal)
           && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-');

    private static string BuildSchema()
    {
        var properties = Patterns.ToDictionary(p => p.Key, p => (object)new Dictionary<string, object> { ["type"] = "string", ["pattern"] = p.Value.Pattern });
        properties["negated"] = new Dictionary<string, object> { ["type"] = "string", ["not"] = new Dictionary<string, object> { ["pattern"] = "^(?=a)(a+)+$" } };
        properties["names"] = new Dictionary<string, object>
        {
            ["type"] = "object",
            ["patternProperties"] = new Dictionary<string, object> { ["^(?=a)(a+)+$"] = new Dictionary<string, object> { ["type"] = "integer" } },
            ["additionalProperties"] = false,
        };
        properties["many"] = new Dictionary<string, object> { ["type"] = "array", ["items"] = new Dictionary<string, object> { ["pattern"] = "^(?=a)(a+)+$" } };
        properties["single_dot"] = new Dictionary<string, object> { ["type"] = "string", ["pattern"] = "^.$" };
        properties["double_dot"] = new Dictionary<string, object> { ["type"] = "string", ["pattern"] = "^..$" };
        properties["single_dot_lookahead"] = new Dictionary<string, object> { ["type"] = "string", ["pattern"] = "^(?!x).$" };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "object", ["properties"] = properties });
    }
}
