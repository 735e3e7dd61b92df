using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>One seed document the fuzzer mutates: a real contract, or a schema of the official JSON Schema suite (with its draft).</summary>
public sealed record FuzzSeed(string Name, JsonNode Document, string Draft);

/// <summary>
/// The seeds: the repository's contracts (<c>contracts/*.json</c>) and every schema of the vendored JSON Schema
/// test suite (all drafts, optional tests included), the latter both as a validator-only file (the schema is the
/// root) and wrapped as a <c>$defs</c> entry so the types area sees it too.
/// </summary>
public static class SchemaFuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> Contracts = new(LoadContracts);

    private static readonly Lazy<IReadOnlyList<FuzzSeed>> Suite = new(LoadSuite);

    public static IReadOnlyList<FuzzSeed> ContractSeeds => Contracts.Value;

    public static IReadOnlyList<FuzzSeed> SuiteSeeds => Suite.Value;

    public static string SuiteRoot => Path.Combine(RepositoryPaths.Root, "tests", "vendor", "json-schema-test-suite", "tests");

    private static IReadOnlyList<FuzzSeed> LoadContracts()
        => RepositoryPaths.ContractFiles()
            .Select(path => (Path: path, Node: JsonNode.Parse(File.ReadAllText(path))!))
            .Where(c => c.Node["lock_version"] is null)
            .Select(c => new FuzzSeed(Path.GetFileName(c.Path), c.Node, Draft: ""))
            .ToList();

    private static IReadOnlyList<FuzzSeed> LoadSuite()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var file in Directory.EnumerateFiles(SuiteRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(SuiteRoot, file).Replace('\\', '/');
            var groups = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i]?["schema"] is { } schema)
                {
                    seeds.Add(new FuzzSeed(name + "#" + i, schema.DeepClone(), DraftOf(name)));
                }
            }
        }

        return seeds;
    }

    /// <summary>The <c>AlexandriaSchemaDraft</c> of a suite folder (its schemas mostly say no <c>$schema</c>).</summary>
    private static string DraftOf(string relativePath) => relativePath.Split('/')[0] switch
    {
        "draft4" => "draft-04",
        "draft6" => "draft-06",
        "draft7" => "draft-07",
        "draft2019-09" => "2019-09",
        _ => "2020-12",
    };
}
