using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Differential.Tests;

/// <summary>
/// The oracle that judges format disagreements must itself be right: it is checked against the official suite's
/// verdicts for every format it judges, and against the RFCs' own examples.
/// </summary>
public sealed class RfcFormatOracleTests
{
    [Theory]
    [InlineData("date-time")]
    [InlineData("date")]
    [InlineData("time")]
    [InlineData("uuid")]
    [InlineData("uri")]
    [InlineData("uri-reference")]
    public void Oracle_agrees_with_the_official_suite_on_every_string_case(string format)
    {
        var file = Path.Combine(InstanceGenerator.RepoRoot(), "tests", "vendor", "json-schema-test-suite", "tests", "draft2020-12", "optional", "format", format + ".json");
        using var suite = JsonDocument.Parse(File.ReadAllText(file));
        var wrong = new List<string>();
        var judged = 0;
        foreach (var test in suite.RootElement.EnumerateArray().SelectMany(group => group.GetProperty("tests").EnumerateArray()))
        {
            if (test.GetProperty("data") is not { ValueKind: JsonValueKind.String } data)
            {
                continue;
            }

            judged++;
            var expected = test.GetProperty("valid").GetBoolean();
            if (RfcFormatOracle.Accepts(format, data.GetString()!) != expected)
            {
                wrong.Add($"{test.GetProperty("description").GetString()}: {data.GetRawText()} expected {expected}");
            }
        }

        Assert.True(judged >= 5, $"too few string cases for {format}: {judged}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    // RFC 3339 §5.8 examples, and what §5.6/§5.7 forbid.
    [InlineData("date-time", "1985-04-12T23:20:50.52Z", true)]
    [InlineData("date-time", "1996-12-19T16:39:57-08:00", true)]
    [InlineData("date-time", "1990-12-31T23:59:60Z", true)]
    [InlineData("date-time", "1990-12-31T15:59:60-08:00", true)]
    [InlineData("date-time", "1990-12-31T22:59:60Z", false)]
    [InlineData("date-time", "2026-11-23 10:16", false)]
    [InlineData("date-time", "2026-13-45T25:61:00Z", false)]
    [InlineData("date-time", "2025-02-29T00:00:00Z", false)]
    [InlineData("date-time", "2024-02-29T00:00:00z", true)]
    // RFC 4122 §3.
    [InlineData("uuid", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", true)]
    [InlineData("uuid", " f81d4fae-7dec-11d0-a765-00a0c91e6bf6", false)]
    [InlineData("uuid", "f81d4fae7dec11d0a76500a0c91e6bf6", false)]
    [InlineData("uuid", "not-a-uuid", false)]
    // RFC 3986 §1.1.2 and §4.2.
    [InlineData("uri", "ldap://[2001:db8::7]/c=GB?objectClass?one", true)]
    [InlineData("uri", "urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true)]
    [InlineData("uri", "runs/abc", false)]
    [InlineData("uri-reference", "runs/abc/artifacts/x.json#frag", true)]
    [InlineData("uri-reference", "2026-13-45T25:61:00Z", false)]
    [InlineData("uri-reference", "a b", false)]
    [InlineData("uri-reference", "%zz", false)]
    public void Oracle_follows_the_RFC_examples(string format, string value, bool expected) =>
        Assert.Equal(expected, RfcFormatOracle.Accepts(format, value));
}
