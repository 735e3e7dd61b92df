using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Alexandria.Conformance.Splitter;

namespace Alexandria.Conformance;

/// <summary>One test of the JSON Schema Test Suite: which file, group and test, its data and expected verdict.</summary>
public sealed record SuiteCase(string File, int Group, int Test, string GroupDescription, string Description, string DataJson, bool Valid)
{
    public string ValidatorName => "V_" + SuiteNames.Stem(File).Replace('-', '_') + "_" + Group;

    public bool IsRequired => !File.StartsWith("optional/", StringComparison.Ordinal);

    public override string ToString() => File + " #" + Group + "." + Test + ": " + GroupDescription + " / " + Description;
}

/// <summary>Reads the suite from the folder the build compiled it from.</summary>
public static class Suite
{
    public static string Directory { get; } = typeof(Suite).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AlexandriaSuiteDir").Value!;

    public static string TestsDirectory => Path.Combine(Directory, "tests", "draft2020-12");

    /// <summary>Every suite file, relative to tests/draft2020-12, e.g. <c>allOf.json</c>, <c>optional/format/uuid.json</c>.</summary>
    public static IReadOnlyList<string> Files { get; } = LoadFiles();

    public static IReadOnlyList<SuiteCase> Cases { get; } = Files.SelectMany(Load).ToList();

    private static IReadOnlyList<string> LoadFiles()
    {
        if (!System.IO.Directory.Exists(TestsDirectory))
        {
            // Never a silent pass: without the suite the conformance run is a failure, in CI or not.
            throw new InvalidOperationException("JSON Schema Test Suite not found at " + TestsDirectory);
        }

        return System.IO.Directory.EnumerateFiles(TestsDirectory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestsDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<SuiteCase> Load(string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(TestsDirectory, file)));
        var group = 0;
        foreach (var g in document.RootElement.EnumerateArray())
        {
            var test = 0;
            foreach (var t in g.GetProperty("tests").EnumerateArray())
            {
                yield return new SuiteCase(
                    file, group, test,
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
