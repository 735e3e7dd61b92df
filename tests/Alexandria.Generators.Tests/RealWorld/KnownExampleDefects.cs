using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alexandria.Generators.Tests.RealWorld;

/// <summary>
/// Examples a document gives that contradict its own schemas, vendored beside it as
/// <c>known-example-defects.tsv</c>: one line per defect, tab-separated — the example's JSON pointer in the document,
/// the instance pointer inside the example that fails, the keyword that rejects it, and why (lines starting with
/// <c>#</c> are comments). An example may have several lines. The list only excuses a failure both our validator and
/// a second one (JsonSchema.Net) report at that instance pointer and keyword, so it cannot hide a bug of ours.
/// </summary>
public sealed record KnownExampleDefect(string Example, string Instance, string Keyword, string Why)
{
    public const string FileName = "known-example-defects.tsv";

    public static IReadOnlyList<KnownExampleDefect> Load(string specDirectory)
    {
        var path = Path.Combine(specDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var defects = new List<KnownExampleDefect>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 4 || fields[0].Length == 0 || fields[2].Length == 0 || fields[3].Length == 0)
            {
                throw new FormatException($"{path}:{number}: expected 4 tab-separated fields (example pointer, instance pointer, keyword, why)");
            }

            defects.Add(new KnownExampleDefect(fields[0], fields[1], fields[2], fields[3]));
        }

        return defects;
    }

    public string Where => $"{Example} at '{Instance}' [{Keyword}]";
}
