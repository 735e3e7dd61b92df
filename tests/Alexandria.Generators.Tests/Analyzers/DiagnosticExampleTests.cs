using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Analyzers;

/// <summary>
/// The examples of docs/diagnostics.md are run, not just counted (issue 15, item 16): each "Fails:" example of a
/// contract diagnostic is given to the generator and must report the documented ID; its "Fixed:" example must not.
/// A bare schema is compiled as a <c>$defs</c> entry, a YAML example as a <c>.yaml</c> contract, an MSBuild item
/// example as that file's metadata over a small contract.
/// </summary>
public sealed class DiagnosticExampleTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));

    /// <summary>The IDs whose examples are complete contracts this test compiles; the rest are fragments of larger documents or C#.</summary>
    public static TheoryData<string> CompiledIds() => new(CompiledIdList());

    private static IEnumerable<string> CompiledIdList()
        => Sections().Keys.Where(id => string.CompareOrdinal(id, "ALX0200") < 0 && id != "ALX0004").Append("ALX0203").Append("ALX0206");

    [Theory]
    [MemberData(nameof(CompiledIds))]
    public void The_failing_example_reports_the_diagnostic_and_the_fixed_one_does_not(string id)
    {
        var (fails, fixedExample) = Sections()[id];

        var failing = Diagnose(fails);
        Assert.True(failing.Contains(id), $"docs/diagnostics.md's 'Fails:' example of {id} does not report it; it reports [{string.Join(", ", failing)}]:\n{fails.Text}");
        var fixedIds = Diagnose(fixedExample);
        Assert.False(fixedIds.Contains(id), $"docs/diagnostics.md's 'Fixed:' example of {id} still reports it:\n{fixedExample.Text}");
    }

    [Fact]
    public void Every_contract_diagnostic_in_the_schema_range_is_compiled_from_its_docs()
    {
        // Guards the theory above against silently losing IDs when sections are added.
        var compiled = CompiledIdList().ToHashSet();
        var schemaIds = Generators.Diagnostics.DiagnosticDescriptors.All.Select(d => d.Id).Where(i => string.CompareOrdinal(i, "ALX0200") < 0 && i != "ALX0004");
        Assert.All(schemaIds, i => Assert.Contains(i, compiled));
    }

    private sealed record Example(string Language, string Text);

    private static IReadOnlyList<string> Diagnose(Example example)
    {
        var harness = new GeneratorHarness();
        switch (example.Language)
        {
            case "yaml":
                harness.WithContract("/docs/contracts/example.yaml", example.Text);
                break;
            case "xml":
                var metadata = Regex.Matches(example.Text, "(Alexandria\\w+)=\"([^\"]*)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
                harness.WithContract("/docs/contracts/example.json", "{ \"$defs\": { \"a\": { \"type\": \"string\" } } }", metadata);
                break;
            default:
                harness.WithContract("/docs/contracts/example.json", IsDocument(example.Text) ? example.Text : "{ \"$defs\": { \"example\": " + example.Text + " } }");
                break;
        }

        return harness.RunGeneratorOnly().Select(d => d.Id).ToList();
    }

    /// <summary>A whole contract (or something meant to be read as one), rather than a schema to put under <c>$defs</c>.</summary>
    private static bool IsDocument(string text)
        => Regex.IsMatch(text, "^\\{\\s*\"(\\$defs|\\$schema|openapi|swagger|prompts|runs)\"");

    private static Dictionary<string, (Example Fails, Example Fixed)> Sections()
    {
        var sections = new Dictionary<string, (Example, Example)>();
        foreach (Match section in Regex.Matches(Docs, "<a id=\"(alx\\d{4})\"></a>(.*?)(?=<a id=|\\z)", RegexOptions.Singleline))
        {
            var body = section.Groups[2].Value;
            var fails = Fence(body, "Fails:");
            var fixedExample = Fence(body, "Fixed:");
            if (fails is not null && fixedExample is not null)
            {
                sections[section.Groups[1].Value.ToUpperInvariant()] = (fails, fixedExample);
            }
        }

        return sections;
    }

    private static Example? Fence(string body, string label)
    {
        var match = Regex.Match(body, Regex.Escape(label) + "\\s*```(\\w*)\\n(.*?)```", RegexOptions.Singleline);
        return match.Success ? new Example(match.Groups[1].Value, match.Groups[2].Value.TrimEnd()) : null;
    }
}
