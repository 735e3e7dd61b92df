using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>Finds the repository (the folder holding Alexandria.sln) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Contracts => Path.Combine(Root, "contracts");

    public static string Examples => Path.Combine(Contracts, "examples");

    /// <summary>The contract files the build feeds the generator: contracts/*.json less schemas of the contract formats themselves.</summary>
    public static IEnumerable<string> ContractFiles()
        => Directory.EnumerateFiles(Contracts, "*.json", SearchOption.TopDirectoryOnly)
            .Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
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
