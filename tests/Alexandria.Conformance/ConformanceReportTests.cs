using System;
using System.IO;
using System.Linq;
using System.Text;
using Alexandria.Conformance.Splitter;
using Xunit.Abstractions;

namespace Alexandria.Conformance;

/// <summary>
/// Builds the conformance report (per draft and per suite file passed/total, every failing test with its reason),
/// prints it to the test output, and with ALEXANDRIA_WRITE_CONFORMANCE=1 writes it into docs/conformance.md between
/// the report markers (the prose around them is written by hand).
/// </summary>
public sealed class ConformanceReportTests(ITestOutputHelper output)
{
    private const string Begin = "<!-- conformance report: generated, do not edit -->";
    private const string End = "<!-- end of conformance report -->";

    private static readonly string[] Sets = ["Required", "Optional", "Optional (format)"];

    [Fact]
    public void Conformance_report_lists_every_draft_every_suite_file_and_every_failure()
    {
        var results = Suite.Cases.Select(c => (Case: c, Outcome: SuiteRunner.Run(c))).ToList();
        var report = Build(results);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("ALEXANDRIA_WRITE_CONFORMANCE") == "1")
        {
            var path = Path.Combine(RepositoryRoot(), "docs", "conformance.md");
            var doc = File.ReadAllText(path);
            var from = doc.IndexOf(Begin, StringComparison.Ordinal);
            var to = doc.IndexOf(End, StringComparison.Ordinal);
            Assert.True(from >= 0 && to > from, "docs/conformance.md lacks the report markers");
            File.WriteAllText(path, doc.Substring(0, from + Begin.Length) + "\n" + report + doc.Substring(to));
        }

        foreach (var draft in SuiteNames.Drafts)
        {
            Assert.Contains("| " + draft + " |", report);
        }

        // Every failure, optional ones included, must have a recorded reason: a new one is a regression to look at.
        var unexplained = results.Where(r => !r.Outcome.Passed && !KnownGaps.ContainsKey(r.Case.Draft + "/" + r.Case.File)).Select(r => r.Case.ToString()).ToList();
        Assert.True(unexplained.Count == 0, "failures without a known reason:\n" + string.Join("\n", unexplained));
    }

    private static string Build(System.Collections.Generic.List<(SuiteCase Case, SuiteOutcome Outcome)> results)
    {
        var builder = new StringBuilder();
        builder.Append("\n| Draft | Required | Optional | Optional (format) |\n|---|---|---|---|\n");
        foreach (var draft in SuiteNames.Drafts)
        {
            builder.Append("| ").Append(draft).Append(" |");
            foreach (var set in Sets)
            {
                var inSet = results.Where(r => r.Case.Draft == draft && SetOf(r.Case.File) == set).ToList();
                builder.Append(' ').Append(inSet.Count(r => r.Outcome.Passed)).Append(" / ").Append(inSet.Count).Append(" |");
            }

            builder.Append('\n');
        }

        builder.Append("\n### Failures\n\n");
        var failures = results.Where(r => !r.Outcome.Passed).ToList();
        if (failures.Count == 0)
        {
            builder.Append("None.\n");
        }

        foreach (var failure in failures)
        {
            builder.Append("- `").Append(failure.Case.Draft).Append('/').Append(failure.Case.File).Append("` group ").Append(failure.Case.Group).Append(" \"")
                .Append(failure.Case.GroupDescription).Append("\", test \"").Append(failure.Case.Description).Append("\": ")
                .Append(failure.Outcome.Reason);
            if (KnownGaps.TryGetValue(failure.Case.Draft + "/" + failure.Case.File, out var why))
            {
                builder.Append(" — ").Append(why);
            }

            builder.Append('\n');
        }

        builder.Append("\n### Per file\n");
        foreach (var draft in SuiteNames.Drafts)
        {
            builder.Append("\n<details><summary>").Append(draft).Append("</summary>\n\n| File | Passed | Total |\n|---|---|---|\n");
            foreach (var file in results.Where(r => r.Case.Draft == draft).GroupBy(r => r.Case.File))
            {
                builder.Append("| `").Append(file.Key).Append("` | ").Append(file.Count(r => r.Outcome.Passed)).Append(" | ").Append(file.Count()).Append(" |\n");
            }

            builder.Append("\n</details>\n");
        }

        return builder.ToString();
    }

    /// <summary>Why a known failure fails (all optional tests); a failure not listed here fails this test.</summary>
    private static readonly System.Collections.Generic.Dictionary<string, string> KnownGaps = new()
    {
        ["draft4/optional/format/hostname.json"] = "Alexandria checks `hostname` by RFC 1123 as amended by RFC 5890/5891 (IDNA2008, what drafts 7 to 2020-12 cite): `--` in the third and fourth characters is reserved for A-labels. Drafts 4 and 6 cite plain RFC 1123, which allows it; the format check is the same in every draft.",
        ["draft6/optional/format/hostname.json"] = "Alexandria checks `hostname` by RFC 1123 as amended by RFC 5890/5891 (IDNA2008, what drafts 7 to 2020-12 cite): `--` in the third and fourth characters is reserved for A-labels. Drafts 4 and 6 cite plain RFC 1123, which allows it; the format check is the same in every draft.",
        ["draft4/optional/zeroTerminatedFloats.json"] = "Draft 4 let an implementation call `1.0` a non-integer; Alexandria decides `integer` by value (`1.0` is an integer), as drafts 6 and later require.",
        ["draft7/optional/content.json"] = "Draft 7 allowed `contentMediaType`/`contentEncoding` to assert; Alexandria treats them as annotations, as 2019-09 and 2020-12 require, in every draft.",
    };

    private static string SetOf(string file)
        => file.StartsWith("optional/format/", StringComparison.Ordinal) ? "Optional (format)" : file.StartsWith("optional/", StringComparison.Ordinal) ? "Optional" : "Required";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alexandria.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Alexandria.sln not found above " + AppContext.BaseDirectory);
    }
}
