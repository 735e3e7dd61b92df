using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Conformance.Splitter;

namespace Alexandria.Conformance;

/// <summary>One test of the JSON Schema Test Suite: which draft, file, group and test, its data and expected verdict.</summary>
public sealed record SuiteCase(string Draft, string File, int Group, int Test, string GroupDescription, string Description, string DataJson, bool Valid)
{
    public string ValidatorName => "V_" + SuiteNames.Stem(Draft, File).Replace('-', '_') + "_" + Group;

    public bool IsRequired => !File.StartsWith("optional/", StringComparison.Ordinal);

    public override string ToString() => Draft + "/" + File + " #" + Group + "." + Test + ": " + GroupDescription + " / " + Description;
}

/// <summary>Reads the suite from the folder the build compiled it from.</summary>
public static class Suite
{
    public static string Directory { get; } = typeof(Suite).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AlexandriaSuiteDir").Value!;

    public static string TestsDirectory => Path.Combine(Directory, "tests");

    /// <summary>Every suite file per draft, relative to tests/&lt;draft&gt;, e.g. <c>allOf.json</c>, <c>optional/format/uuid.json</c>.</summary>
    public static IReadOnlyList<(string Draft, string File)> Files { get; } = LoadFiles();

    public static IReadOnlyList<SuiteCase> Cases { get; } = Files.SelectMany(f => Load(f.Draft, f.File)).ToList();

    private static IReadOnlyList<(string Draft, string File)> LoadFiles()
    {
        var files = new List<(string, string)>();
        foreach (var draft in SuiteNames.Drafts)
        {
            var folder = Path.Combine(TestsDirectory, draft);
            if (!System.IO.Directory.Exists(folder))
            {
                // Never a silent pass: without the suite the conformance run is a failure, in CI or not.
                throw new InvalidOperationException("JSON Schema Test Suite not found at " + folder);
            }

            files.AddRange(System.IO.Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .Select(f => (draft, f)));
        }

        return files;
    }

    private static IEnumerable<SuiteCase> Load(string draft, string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(TestsDirectory, draft, file)));
        var group = 0;
        foreach (var g in document.RootElement.EnumerateArray())
        {
            var test = 0;
            foreach (var t in g.GetProperty("tests").EnumerateArray())
            {
                yield return new SuiteCase(
                    draft, file, group, test,
                    g.GetProperty("description").GetString()!,
                    t.GetProperty("description").GetString()!,
                    t.GetProperty("data").GetRawText(),
                    t.GetProperty("valid").GetBoolean());
                test++;
            }

            group++;
        }
    }
}
