using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Conformance;
using Json.Schema;
using Xunit.Abstractions;

namespace Alexandria.Differential.Tests;

/// <summary>
/// JsonSchema.Net 8.0.5 as a second oracle for every draft it supports (6, 7, 2019-09, 2020-12): every test of the
/// official suite (required and optional) goes through the validator Alexandria generated for it
/// (tests/Alexandria.Conformance) and through JsonSchema.Net built with the same draft. Where the two disagree the
/// suite's verdict says which one is wrong; every such case is pinned below with its reason (docs/differential.md),
/// so a new disagreement fails.
/// </summary>
public sealed class SuiteDifferentialTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Dialect> Dialects = new(StringComparer.Ordinal)
    {
        ["draft6"] = Dialect.Draft06,
        ["draft7"] = Dialect.Draft07,
        ["draft2019-09"] = Dialect.Draft201909,
        ["draft2020-12"] = Dialect.Draft202012,
    };

    /// <summary>
    /// Suite files (draft/file) where JsonSchema.Net gives the wrong verdict on tests Alexandria gets right, and how
    /// many; <see cref="Why"/> gives the reason. Nowhere does Alexandria disagree with JsonSchema.Net and get it wrong
    /// (where both are wrong — draft 6 <c>hostname</c>, draft 7 <c>content</c>, see docs/conformance.md — they agree).
    /// </summary>
    private static readonly Dictionary<string, int> JsonSchemaNetWrong = new(StringComparer.Ordinal)
    {
        ["draft2019-09/optional/dependencies-compatibility.json"] = 14,
        ["draft2019-09/optional/ecmascript-regex.json"] = 22,
        ["draft2019-09/optional/format/date-time.json"] = 1,
        ["draft2019-09/optional/format/duration.json"] = 6,
        ["draft2019-09/optional/format/ecmascript-regex.json"] = 4,
        ["draft2019-09/optional/format/hostname.json"] = 16,
        ["draft2019-09/optional/format/idn-hostname.json"] = 19,
        ["draft2019-09/optional/format/ipv6.json"] = 2,
        ["draft2019-09/optional/format/iri.json"] = 4,
        ["draft2019-09/optional/format/relative-json-pointer.json"] = 1,
        ["draft2019-09/optional/format/uri-reference.json"] = 6,
        ["draft2019-09/optional/format/uri-template.json"] = 11,
        ["draft2019-09/optional/format/uri.json"] = 3,
        ["draft2019-09/optional/format/uuid.json"] = 1,
        ["draft2019-09/optional/non-bmp-regex.json"] = 3,
        ["draft2020-12/optional/dependencies-compatibility.json"] = 14,
        ["draft2020-12/optional/ecmascript-regex.json"] = 22,
        ["draft2020-12/optional/format/date-time.json"] = 1,
        ["draft2020-12/optional/format/duration.json"] = 6,
        ["draft2020-12/optional/format/ecmascript-regex.json"] = 4,
        ["draft2020-12/optional/format/hostname.json"] = 16,
        ["draft2020-12/optional/format/idn-hostname.json"] = 19,
        ["draft2020-12/optional/format/ipv6.json"] = 2,
        ["draft2020-12/optional/format/iri.json"] = 4,
        ["draft2020-12/optional/format/relative-json-pointer.json"] = 1,
        ["draft2020-12/optional/format/uri-reference.json"] = 6,
        ["draft2020-12/optional/format/uri-template.json"] = 11,
        ["draft2020-12/optional/format/uri.json"] = 3,
        ["draft2020-12/optional/format/uuid.json"] = 1,
        ["draft2020-12/optional/non-bmp-regex.json"] = 3,
        ["draft2020-12/pattern.json"] = 3,
        ["draft2020-12/patternProperties.json"] = 2,
        ["draft6/optional/ecmascript-regex.json"] = 22,
        ["draft6/optional/format/date-time.json"] = 1,
        ["draft6/optional/format/hostname.json"] = 2,
        ["draft6/optional/format/ipv6.json"] = 2,
        ["draft6/optional/format/uri-reference.json"] = 6,
        ["draft6/optional/format/uri-template.json"] = 11,
        ["draft6/optional/format/uri.json"] = 3,
        ["draft6/optional/non-bmp-regex.json"] = 3,
        ["draft7/optional/ecmascript-regex.json"] = 22,
        ["draft7/optional/format/date-time.json"] = 1,
        ["draft7/optional/format/ecmascript-regex.json"] = 4,
        ["draft7/optional/format/hostname.json"] = 16,
        ["draft7/optional/format/idn-hostname.json"] = 19,
        ["draft7/optional/format/ipv6.json"] = 2,
        ["draft7/optional/format/iri.json"] = 4,
        ["draft7/optional/format/relative-json-pointer.json"] = 1,
        ["draft7/optional/format/uri-reference.json"] = 6,
        ["draft7/optional/format/uri-template.json"] = 11,
        ["draft7/optional/format/uri.json"] = 3,
        ["draft7/optional/non-bmp-regex.json"] = 3,
    };

    /// <summary>Why JsonSchema.Net 8.0.5 gets a suite file's tests wrong (docs/differential.md), by the kind of file.</summary>
    public static string? Why(string file)
    {
        if (file.Contains("ecmascript-regex", StringComparison.Ordinal) || file.Contains("non-bmp-regex", StringComparison.Ordinal)
            || file.EndsWith("/pattern.json", StringComparison.Ordinal) || file.EndsWith("/patternProperties.json", StringComparison.Ordinal))
        {
            return "regular expressions run as .NET patterns, not ECMA-262 (\\d, \\w, \\s, $ and \\p{Letter} differ; non-BMP characters count as two)";
        }

        if (file.Contains("/optional/format/", StringComparison.Ordinal))
        {
            return "format checks looser than the RFCs the suite follows (trailing newlines, IDNA2008, percent-encoding, URI templates…) or throwing";
        }

        if (file.EndsWith("/optional/dependencies-compatibility.json", StringComparison.Ordinal))
        {
            return "ignores draft 7's dependencies in 2019-09/2020-12 schemas (the suite makes honouring it optional; Alexandria honours it)";
        }

        return null;
    }

    [Fact]
    public void Alexandria_and_JsonSchema_Net_disagree_only_where_the_suite_shows_one_of_them_wrong()
    {
        var alexandriaWrong = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var theirsWrong = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        int compared = 0, agreed = 0;
        foreach (var (draft, dialect) in Dialects)
        {
            var build = new BuildOptions { Dialect = dialect, SchemaRegistry = new SchemaRegistry() };
            RegisterRemotes(build);
            foreach (var group in Suite.Cases.Where(c => c.Draft == draft).GroupBy(c => (c.File, c.Group)))
            {
                var schema = Build(draft, group.Key.File, group.Key.Group, build, out var buildError);
                var evaluation = new EvaluationOptions { RequireFormatValidation = group.Key.File.StartsWith("optional/format/", StringComparison.Ordinal), OutputFormat = OutputFormat.Flag };
                foreach (var test in group)
                {
                    compared++;
                    var outcome = SuiteRunner.Run(test);
                    var ours = outcome.Passed ? test.Valid : !test.Valid;
                    bool? theirs;
                    string? theirError = buildError;
                    try
                    {
                        using var data = JsonDocument.Parse(test.DataJson);
                        theirs = schema?.Evaluate(data.RootElement, evaluation).IsValid;
                    }
                    catch (Exception e)
                    {
                        theirs = null;
                        theirError = e.GetType().Name + ": " + e.Message;
                    }

                    if (theirs == ours)
                    {
                        agreed++;
                        continue;
                    }

                    var key = draft + "/" + test.File;
                    if (ours != test.Valid)
                    {
                        alexandriaWrong[key] = alexandriaWrong.GetValueOrDefault(key) + 1;
                    }

                    if (theirs != test.Valid)
                    {
                        if (!theirsWrong.TryGetValue(key, out var list))
                        {
                            theirsWrong[key] = list = [];
                        }

                        list.Add("#" + test.Group + "." + test.Test + " " + test.Description + (theirError is null ? "" : " (" + theirError + ")"));
                    }
                }
            }
        }

        var report = new StringBuilder();
        report.AppendLine($"suite tests compared (drafts 6, 7, 2019-09, 2020-12): {compared}; agreed: {agreed}");
        foreach (var (file, count) in alexandriaWrong)
        {
            report.AppendLine($"  Alexandria wrong  {count,4}  {file}");
        }

        foreach (var (file, cases) in theirsWrong)
        {
            report.AppendLine($"  JsonSchema.Net wrong  {cases.Count,4}  {file}: {string.Join("; ", cases.Take(3))}");
        }

        output.WriteLine(report.ToString());
        Assert.Empty(alexandriaWrong);
        Assert.All(theirsWrong.Keys, file => Assert.True(Why(file) is not null, "no known reason for JsonSchema.Net's verdicts on " + file));
        Assert.Equal(
            JsonSchemaNetWrong.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value).ToList(),
            theirsWrong.Select(p => p.Key + " " + p.Value.Count).ToList());
    }

    private static JsonSchema? Build(string draft, string file, int group, BuildOptions build, out string? error)
    {
        error = null;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Suite.TestsDirectory, draft, file)));
        var schema = document.RootElement[group].GetProperty("schema").Clone();
        try
        {
            return JsonSchema.Build(schema, build, new Uri("https://alexandria.invalid/suite/" + draft + "/" + file.Replace('/', '_') + "/" + group));
        }
        catch (Exception e)
        {
            error = "could not build the schema: " + e.GetType().Name + ": " + e.Message;
            return null;
        }
    }

    /// <summary>The suite's remotes/, by the http://localhost:1234/ URIs the tests use (as the conformance build registers them).</summary>
    private static void RegisterRemotes(BuildOptions build)
    {
        var remotes = Path.Combine(Suite.Directory, "remotes");
        foreach (var path in Directory.EnumerateFiles(remotes, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var uri = new Uri("http://localhost:1234/" + Path.GetRelativePath(remotes, path).Replace('\\', '/'));
            try
            {
                // Registered under its retrieval URI too: JsonSchema.Net files a schema under its $id only.
                build.SchemaRegistry.Register(uri, JsonSchema.FromText(File.ReadAllText(path), build, uri));
            }
            catch (Exception)
            {
                // A remote of another draft (draft3, v1) JsonSchema.Net will not build: tests that need it report
                // the failed reference as a disagreement, which the pinned list then has to explain.
            }
        }
    }
}
