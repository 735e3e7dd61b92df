using System;
using System.IO;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>Finds the repository (the folder holding Alexandria.sln) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

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
