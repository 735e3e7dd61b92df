using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Alexandria.Contracts;
using Xunit.Abstractions;

namespace Alexandria.Differential.Tests;

/// <summary>
/// <c>IsValid(ReadOnlySpan&lt;byte&gt;)</c> runs a separate, streaming implementation of every keyword; it must give
/// <c>Validate(...).IsValid</c>'s verdict on every input, and never throw. Checked on the 12,000 differential
/// instances, on byte-level variants of each (escaped names, repeated members, truncation, stray bytes,
/// broken UTF-8, an unpaired surrogate escape in a string or a name, trailing data) and on a fixed list of malformed inputs.
/// </summary>
public sealed class StreamingAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void IsValid_on_bytes_agrees_with_Validate_on_every_differential_instance_and_its_variants()
    {
        var random = new Random(InstanceGenerator.Seed);
        var checkedCount = 0;
        var validCount = 0;
        var disagreements = new List<string>();
        foreach (var instance in InstanceGenerator.Generate(DifferentialTests.InstanceCount))
        {
            var bytes = Encoding.UTF8.GetBytes(instance.Json);
            foreach (var (variant, what) in Variants(bytes, random).Prepend((bytes, "as generated")))
            {
                checkedCount++;
                var (agree, verdict, detail) = Compare(instance.Definition, variant);
                validCount += verdict ? 1 : 0;
                if (!agree || (verdict && what.StartsWith("unpaired surrogate", StringComparison.Ordinal)))
                {
                    disagreements.Add($"{instance.Definition} [{instance.Origin}; {what}] {detail}: {Encoding.UTF8.GetString(variant)}");
                }
            }
        }

        output.WriteLine($"checked {checkedCount} inputs ({validCount} valid); disagreements: {disagreements.Count}");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));
        Assert.True(checkedCount > 6 * DifferentialTests.InstanceCount);
    }

    public static IEnumerable<object[]> MalformedInputs() => new[]
    {
        "", " ", "{", "}", "[", "{\"kind\":", "{\"kind\":\"plan\"", "{\"kind\":\"plan\",}", "[1,]", "nul", "tru", "01", "1.", "-",
        "\"unterminated", "{} {}", "{}x", "{\"a\":1}/*c*/", "\uFEFF{}", "{'a':1}", "{\"a\" 1}", "NaN", "[" + new string('[', 300) + "]",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void Malformed_json_is_invalid_for_every_definition_and_never_throws(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var definition in OutputSchemaValidators.Definitions)
        {
            var (agree, verdict, detail) = Compare(definition, bytes);
            Assert.True(agree, definition + ": " + detail);
            Assert.False(verdict, definition + " accepted malformed input");
        }
    }

    [Fact]
    public void Strings_that_are_not_UTF8_or_hold_unpaired_surrogates_are_invalid_on_both_paths()
    {
        var example = InstanceGenerator.Examples().First(e => e.Definition == "compaction_snapshot");
        var json = example.Node.ToJsonString();
        var brokenUtf8 = Splice(Encoding.UTF8.GetBytes(json), "\"objective\":\"", new byte[] { 0xFF, 0xFE });
        var loneSurrogate = Encoding.UTF8.GetBytes(json.Replace("\"objective\":\"", "\"objective\":\"\\ud800", StringComparison.Ordinal));
        foreach (var bytes in new[] { brokenUtf8, loneSurrogate })
        {
            var (agree, verdict, detail) = Compare("compaction_snapshot", bytes);
            Assert.True(agree, detail);
            Assert.False(verdict);
        }
    }

    /// <summary>Both verdicts; neither path may throw.</summary>
    private static (bool Agree, bool Verdict, string Detail) Compare(string definition, byte[] bytes)
    {
        bool fast;
        bool full;
        try
        {
            Assert.True(OutputSchemaValidators.TryIsValid(definition, bytes, out fast));
        }
        catch (Exception e)
        {
            return (false, false, "IsValid threw " + e.GetType().Name + ": " + e.Message);
        }

        try
        {
            Assert.True(OutputSchemaValidators.TryValidate(definition, bytes, out var result));
            full = result.IsValid;
        }
        catch (Exception e)
        {
            return (false, false, "Validate threw " + e.GetType().Name + ": " + e.Message);
        }

        return (fast == full, full, $"IsValid={fast} Validate={full}");
    }

    /// <summary>Byte-level variants a JSON-level mutator cannot produce.</summary>
    private static IEnumerable<(byte[] Bytes, string What)> Variants(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var firstName = text.IndexOf("\":", StringComparison.Ordinal);
        if (text.StartsWith("{\"", StringComparison.Ordinal) && firstName > 2)
        {
            // The first member's name with its first letter escaped: the reader then compares unescaped text.
            var escaped = text.Substring(0, 2) + "\\u" + ((int)text[2]).ToString("x4") + text.Substring(3);
            yield return (Encoding.UTF8.GetBytes(escaped), "first name escaped");

            // The first member repeated at the end with its value: a repeated member.
            var member = text.Substring(1, text.IndexOf(',') > 0 ? text.IndexOf(',') - 1 : 0);
            if (member.Length > 0 && member.Count(c => c == '{') == member.Count(c => c == '}') && member.Count(c => c == '[') == member.Count(c => c == ']'))
            {
                yield return (Encoding.UTF8.GetBytes(text.Substring(0, text.Length - 1) + "," + member + "}"), "first member repeated");
            }
        }

        foreach (var kind in new[] { "\"kind\":\"", "\"outcome\":\"", "\"packet_type\":\"" })
        {
            var at = text.IndexOf(kind, StringComparison.Ordinal);
            if (at > 0)
            {
                // A second discriminator after the first: the document path reads the last one.
                yield return (Encoding.UTF8.GetBytes(text.Substring(0, text.Length - 1) + "," + kind + "observe\"}"), "discriminator repeated");

                // A nested one before it: the dispatch's guess from the raw bytes is then wrong.
                if (text.StartsWith('{'))
                {
                    yield return (Encoding.UTF8.GetBytes("{\"_\":{" + kind + "observe\"}," + text.Substring(1)), "decoy discriminator");
                }
            }
        }

        yield return (bytes.AsSpan(0, random.Next(bytes.Length)).ToArray(), "truncated");
        var flipped = (byte[])bytes.Clone();
        flipped[random.Next(flipped.Length)] = (byte)"{}[]\",:0aZ\\ \xff"[random.Next(13)];
        yield return (flipped, "one byte replaced");
        yield return (Splice(bytes, "\":\"", new byte[] { 0xC3 }), "broken UTF-8 in a string");

        // I-JSON: a string or name that escapes an unpaired surrogate is refused wherever it is, read by a keyword or not.
        foreach (var (at, where) in new[] { ("\":\"", "a string value"), (",\"", "a member name") })
        {
            var places = Occurrences(text, at);
            if (places.Count > 0)
            {
                var place = places[random.Next(places.Count)] + at.Length;
                yield return (Encoding.UTF8.GetBytes(text.Substring(0, place) + "\\udc00" + text.Substring(place)), "unpaired surrogate in " + where);
            }
        }
        yield return (bytes.Concat(Encoding.UTF8.GetBytes(" {}")).ToArray(), "trailing value");
    }

    private static List<int> Occurrences(string text, string what)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        return found;
    }

    private static byte[] Splice(byte[] bytes, string after, byte[] insert)
    {
        var at = Encoding.UTF8.GetString(bytes).IndexOf(after, StringComparison.Ordinal);
        if (at < 0)
        {
            return bytes;
        }

        var offset = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(bytes).Substring(0, at + after.Length));
        return bytes.Take(offset).Concat(insert).Concat(bytes.Skip(offset)).ToArray();
    }
}
