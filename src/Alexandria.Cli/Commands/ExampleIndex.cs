using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Cli.Commands;

/// <summary>One example document, the definition it is an instance of, and whether it should validate.</summary>
public sealed record ExampleDocument(string File, string Definition, bool ExpectValid);

/// <summary>Reads which definition each example document belongs to.</summary>
public static class ExampleIndex
{
    public static IReadOnlyList<ExampleDocument> Load(DirectoryInfo folder)
    {
        var indexPath = Path.Combine(folder.FullName, "index.json");
        if (File.Exists(indexPath))
        {
            using var index = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            return index.RootElement.EnumerateArray()
                .Select(e => new ExampleDocument(e.GetProperty("file").GetString()!, e.GetProperty("def").GetString()!, e.GetProperty("valid").GetBoolean()))
                .OrderBy(d => d.File, StringComparer.Ordinal)
                .ToList();
        }

        return folder.EnumerateFiles("*.json")
            .Select(f => FromName(f.Name))
            .OfType<ExampleDocument>()
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ToList();
    }

    private static ExampleDocument? FromName(string file)
    {
        var parts = file.Split('.');
        return parts.Length >= 3 && parts[1] is "valid" or "invalid"
            ? new ExampleDocument(file, parts[0], parts[1] == "valid")
            : null;
    }
}
