using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Contracts.Tests;

/// <summary>The examples under contracts/examples, as listed by their index.json.</summary>
public static class ContractExamples
{
    public static string Folder { get; } = FindExamples();

    /// <summary>Every valid example: file name and the definition it is an instance of.</summary>
    public static IEnumerable<(string File, string Definition)> Valid()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "index.json")));
        return index.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("valid").GetBoolean())
            .Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("def").GetString()!))
            .ToList();
    }

    /// <summary>Every example, valid or not: file name, definition, and whether it is valid.</summary>
    public static IEnumerable<(string File, string Definition, bool Valid)> All()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "index.json")));
        return index.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("def").GetString()!, e.GetProperty("valid").GetBoolean()))
            .ToList();
    }

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "contracts", "examples");
            if (File.Exists(Path.Combine(dir.FullName, "Alexandria.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("contracts/examples not found above " + AppContext.BaseDirectory);
    }
}
