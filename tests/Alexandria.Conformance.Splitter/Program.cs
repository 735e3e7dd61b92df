using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.Conformance.Splitter;

/// <summary>
/// Writes each test group's schema of the JSON Schema Test Suite to its own file, for every draft the suite
/// holds that Alexandria compiles, so every group goes through the Alexandria generator as a validator-only
/// contract: <c>tests/draft7/allOf.json</c> group 3 → <c>{out}/draft7/required/draft7_allOf_3.json</c>. Groups of
/// <c>optional/format/*</c> land in <c>{out}/&lt;draft&gt;/format/</c>, where the build turns format assertion on.
/// Usage: <c>Splitter &lt;suite tests folder&gt; &lt;output folder&gt;</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("error: JSON Schema Test Suite folder not found: " + (args.Length > 0 ? args[0] : "(none given)"));
            return 1;
        }

        var suite = Path.GetFullPath(args[0]);
        var output = Path.GetFullPath(args[1]);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var written = 0;
        foreach (var draft in SuiteNames.Drafts)
        {
            var folder = Path.Combine(suite, draft);
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine("error: the suite has no " + draft + " folder at " + folder);
                return 1;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                var set = relative.StartsWith("optional/format/", StringComparison.Ordinal) ? "format" : relative.StartsWith("optional/", StringComparison.Ordinal) ? "optional" : "required";
                var stem = SuiteNames.Stem(draft, relative);
                var groups = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
                Directory.CreateDirectory(Path.Combine(output, draft, set));
                for (var i = 0; i < groups.Count; i++)
                {
                    var schema = groups[i]!["schema"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                    File.WriteAllText(Path.Combine(output, draft, set, stem + "_" + i + ".json"), schema);
                    written++;
                }
            }
        }

        Console.WriteLine($"Alexandria conformance: {written} schemas written to {output}");
        return 0;
    }
}
