using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Alexandria.Generators.Drift;
using Alexandria.Generators.Tests.Infrastructure;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using StjNode = System.Text.Json.Nodes.JsonNode;

namespace Alexandria.Generators.Tests.Drift;

/// <summary>
/// The real contracts as a baseline, mutated through System.Text.Json nodes, compared through a lock
/// file written and read back by the same code the CLI and the generator use.
/// </summary>
internal static class DriftFixture
{
    public const string SchemaFile = "output_schema.json";
    public const string OpenApiFile = "openapi.json";
    public const string PromptsFile = "prompts_manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyDictionary<string, string> RealContracts { get; } =
        new[] { SchemaFile, OpenApiFile, PromptsFile }.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(RepositoryPaths.Contracts, n)));

    /// <summary>Applies <paramref name="mutate"/> to one contract's JSON and writes it back indented.</summary>
    public static string Mutate(string text, Action<JsonObject> mutate)
    {
        var root = StjNode.Parse(text)!.AsObject();
        mutate(root);
        return root.ToJsonString(Indented);
    }

    public static Dictionary<string, string> WithMutation(string file, Action<JsonObject> mutate)
    {
        var contracts = new Dictionary<string, string>(RealContracts);
        contracts[file] = Mutate(contracts[file], mutate);
        return contracts;
    }

    /// <summary>Normalizes every text into a lock entry (the names are also the file paths).</summary>
    public static List<LockedContract> Normalize(IReadOnlyDictionary<string, string> contracts)
        => contracts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => ContractNormalizer.Normalize(c.Key, c.Key, c.Value) ?? throw new InvalidOperationException(c.Key + " is not a contract"))
            .ToList();

    public static string LockText(IReadOnlyDictionary<string, string> contracts) => LockFile.Write(Normalize(contracts));

    /// <summary>Locks <paramref name="baseline"/>, reads the lock back, and compares <paramref name="current"/> with it.</summary>
    public static IReadOnlyList<DriftFinding> Diff(IReadOnlyDictionary<string, string> baseline, IReadOnlyDictionary<string, string> current)
    {
        var locked = LockFile.Read(LockText(baseline), LockFile.FileName, out var error) ?? throw new InvalidOperationException(error);
        return DriftAnalysis.Compare(locked, Normalize(current), LockFile.FileName, baselineIsLock: true);
    }

    public static IReadOnlyList<DriftFinding> DiffAgainstReal(IReadOnlyDictionary<string, string> current) => Diff(RealContracts, current);

    public static JsonObject Def(this JsonObject schemaRoot, string name) => schemaRoot["$defs"]![name]!.AsObject();

    public static JsonObject Prop(this JsonObject def, string name) => def["properties"]![name]!.AsObject();

    public static JsonObject Operation(this JsonObject openApiRoot, string path, string method) => openApiRoot["paths"]![path]![method]!.AsObject();

    public static JsonObject Prompt(this JsonObject manifest, string id)
        => manifest["prompts"]!.AsArray().Select(p => p!.AsObject()).Single(p => p["id"]!.GetValue<string>() == id);

    public static string Describe(IEnumerable<DriftFinding> findings) => string.Join("\n", findings.Select(f => f.ToString()));
}
