using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alexandria.Generators.Tests.Infrastructure;
using Alexandria.Testing;

namespace Alexandria.Generators.Tests.Validation;

/// <summary>
/// Known catastrophic patterns × adversarial inputs, compiled through the generator. Every validation (Validate,
/// IsValid on the element, IsValid on the bytes) never throws and gives the pattern's true verdict, or, where only
/// the backtracking engine can run the pattern, a <c>pattern</c> error saying the match took too long. The true
/// verdicts come from plain C# predicates written for each pattern, not from a regex.
/// </summary>
/// <remarks>
/// Nothing here reads the wall clock against a tight bound, so a loaded CI machine cannot fail it: that a validation
/// is bounded is asserted by what bounds it (every regex carries the time limit; a timeout ends the validation), and
/// that the linear patterns are linear by the engine they run on and by CPU time that grows with the input, not
/// faster, measured in the same run. Verdicts on the linear engine are read from validators whose limit is only a
/// safety net (<see cref="SafetyNet"/>), so a slow machine cannot turn them into refusals. The collection: the
/// safety net is an AppContext setting, process-wide while those validators are built.
/// </remarks>
[Collection(nameof(ProcessWideSettings))]
public sealed class PatternSafetyTests
{
    /// <summary>Not the thing tested: turns a validation that does not end into a failure with a message, not a hung run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>The limit of the <see cref="Unhurried"/> validators: far past any linear match, so only a hang reaches it.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

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

    /// <summary>The patterns of the members <see cref="BuildSchema"/> adds, in schema order, and whether they run on the linear engine.</summary>
    private static readonly (string Pattern, bool Linear)[] OtherPatterns = [("^(?=a)(a+)+$", false), ("^.$", true), ("^..$", true), ("^(?!x).$", false)];

    /// <summary>The contract with the product's default limit (250 ms): for what a timeout does.</summary>
    private static readonly Lazy<CompiledValidators> Validators = new(() => Compile(limit: null));

    /// <summary>The same contract with <see cref="SafetyNet"/> as its limit: for verdicts that must not depend on the machine's speed.</summary>
    private static readonly Lazy<CompiledValidators> Unhurried = new(() => Compile(SafetyNet.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

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
        // A linear match must give its verdict: under the safety net a timeout means it did not run in linear time. A
        // backtracking one may be refused at the product's limit, on a slow machine even where it would have matched.
        var validators = linear ? Unhurried.Value : Validators.Value;

        var errors = Timed(() => validators.Validate("CatastrophicValidator", json), "Validate");
        var onElement = Timed(() => validators.IsValid("CatastrophicValidator", json), "IsValid(JsonElement)");
        var onBytes = Timed(() => validators.IsValidUtf8("CatastrophicValidator", json), "IsValid(bytes)");

        var tookTooLong = errors.Any(e => e.Message.Contains("took longer than", StringComparison.Ordinal));
        Assert.True(!linear || !tookTooLong, pattern + " runs on the linear engine, yet ran past the " + SafetyNet.TotalSeconds + " s safety net on " + input);
        if (tookTooLong)
        {
            // Refused: one pattern error at the member, and neither IsValid accepts wrongly (each call has its own
            // limit, so on a loaded machine one may time out where another gave the true verdict).
            var error = Assert.Single(errors);
            Assert.Equal(("/" + member, "pattern"), (error.InstancePointer, error.Keyword));
            Assert.True(expected || !(onElement || onBytes), "IsValid accepted a value whose match timed out in Validate and does not match");
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

    [Fact]
    public void Every_pattern_has_the_time_limit_and_the_linear_ones_run_on_NonBacktracking()
    {
        // What bounds every validation, read off the regexes the validator built, not off a clock.
        var expected = Patterns.Values.Select(p => (p.Pattern, p.Linear)).Concat(OtherPatterns).DistinctBy(p => p.Pattern).ToList();
        var built = BuiltRegexes(Validators.Value);

        Assert.Equal(expected.Count, built.Count);
        for (var i = 0; i < built.Count; i++)
        {
            Assert.True(TimeSpan.FromMilliseconds(250) == built[i].MatchTimeout, expected[i].Pattern + " has no 250 ms limit: " + built[i].MatchTimeout);
            Assert.True(expected[i].Linear == built[i].Options.HasFlag(RegexOptions.NonBacktracking),
                expected[i].Pattern + (expected[i].Linear ? " should run on NonBacktracking" : " cannot run on NonBacktracking") + ", built as " + built[i] + " (" + built[i].Options + ")");
        }
    }

    /// <summary>
    /// Adversarial inputs for each pattern a backtracking engine would take exponential (or polynomial) time on, at n
    /// and 8n units. Linear: 8n costs about 8x; a generous 32x still fails quadratic growth (64x) and anything worse.
    /// </summary>
    [Theory]
    [InlineData("nested", "a", "!")]
    [InlineData("alternation", "a", "!")]
    [InlineData("dot_star_twenty", "b", "aaaaaaaaaaaaaaaaaaa")] // 19 a's, one short of a match: every character is read
    [InlineData("words", "ab ", "!")]
    [InlineData("astral_alternation", Emoji, "!")]
    [InlineData("path", Emoji, "")] // backtracking engine: the translation of '.' keeps (?!.*\.\.) linear over emoji
    public void A_hostile_input_eight_times_longer_costs_about_eight_times_the_CPU(string member, string unit, string tail)
    {
        const int n = 2_000;
        var small = JsonSerializer.Serialize(new Dictionary<string, string> { [member] = string.Concat(Enumerable.Repeat(unit, n)) + tail }, RawText);
        var large = JsonSerializer.Serialize(new Dictionary<string, string> { [member] = string.Concat(Enumerable.Repeat(unit, 8 * n)) + tail }, RawText);
        var validators = Unhurried.Value;
        var verdicts = new List<bool>();

        var cpu = ThreadCpuClock.LeastPerCall(rounds: 7,
            () => verdicts.Add(validators.Validate("CatastrophicValidator", small).Count == 0),
            () => verdicts.Add(validators.Validate("CatastrophicValidator", large).Count == 0));

        Assert.All(verdicts, Assert.False); // none of these inputs matches, and none timed out (that would be an error too, but see the theory above)
        Assert.True(cpu[1] < 32 * cpu[0], $"{member}: 8x the input cost {ThreadCpuClock.Ratio(cpu, 1, 0)} the CPU ({cpu[0]} -> {cpu[1]} units): not linear");
    }

    [Theory]
    [InlineData("{\"names\": {\"aaaa\": 1}}", true)]
    [InlineData("{\"names\": {\"aaaa\": \"x\"}}", false)]
    [InlineData("{\"negated\": \"aaaa\"}", false)]
    [InlineData("{\"negated\": \"b\"}", true)]
    public void Patterns_with_a_time_limit_still_decide_ordinary_values(string json, bool valid)
    {
        Assert.Equal(valid, Unhurried.Value.Validate("CatastrophicValidator", json).Count == 0);
        Assert.Equal(valid, Unhurried.Value.IsValid("CatastrophicValidator", json));
        Assert.Equal(valid, Unhurried.Value.IsValidUtf8("CatastrophicValidator", json));
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

        Assert.Equal(valid, Unhurried.Value.Validate("CatastrophicValidator", json).Count == 0);
        Assert.Equal(valid, Unhurried.Value.IsValidUtf8("CatastrophicValidator", json));
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
        _ = Unhurried.Value;
        var clock = Stopwatch.StartNew();
        var result = call();
        Assert.True(clock.Elapsed < HangGuard, what + " took " + clock.Elapsed.TotalMilliseconds + " ms");
        return result;
    }

    /// <summary>
    /// Compiles the contract; with <paramref name="limit"/>, sets the limit setting while the validators' pattern support
    /// reads it (its static constructor, run here), then removes it. Only the tests of this collection run meanwhile.
    /// </summary>
    private static CompiledValidators Compile(string? limit)
    {
        var validators = CompiledValidators.From(new GeneratorHarness().WithContract("/c/catastrophic.json", Schema, ("AlexandriaEmit", "validators")));
        var support = validators.SupportType("PatternMatching");
        AppContext.SetData("Alexandria.Validation.PatternTimeout", limit);
        try
        {
            RuntimeHelpers.RunClassConstructor(support.TypeHandle);
        }
        finally
        {
            AppContext.SetData("Alexandria.Validation.PatternTimeout", null);
        }

        var timeout = (TimeSpan)support.GetProperty("Timeout")!.GetValue(null)!;
        Assert.Equal(limit is null ? TimeSpan.FromMilliseconds(250) : SafetyNet, timeout);
        return validators;
    }

    /// <summary>The regexes of the validators' patterns (<c>P0</c>, <c>P1</c>, … in schema order), built by reading them.</summary>
    private static List<Regex> BuiltRegexes(CompiledValidators validators)
        => validators.SupportType("PatternMatching").Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.NonPublic | BindingFlags.Static))
            .Where(p => p.PropertyType == typeof(Regex) && p.Name.StartsWith('P') && int.TryParse(p.Name.AsSpan(1), out _))
            .OrderBy(p => int.Parse(p.Name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => (Regex)p.GetValue(null)!)
            .ToList();

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
