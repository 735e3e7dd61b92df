using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>What one fuzz case was and what went wrong with it (nothing, for a good case).</summary>
public sealed record FuzzOutcome(int Seed, string SeedName, string Path, string Text, IReadOnlyList<string> Mutations, IReadOnlyList<string> Problems, bool HasError)
{
    /// <summary>Time spent running the generator and compiling its output, for the run's summary line.</summary>
    public TimeSpan GeneratorTime { get; init; }

    public TimeSpan CompileTime { get; init; }

    public string Describe()
        => $"seed {Seed} (reproduce: ALEXANDRIA_SCHEMA_FUZZ_SEED={Seed} ALEXANDRIA_SCHEMA_FUZZ_CASES=1): {SeedName} as {Path}, "
           + $"mutations [{string.Join("; ", Mutations)}]\n  " + string.Join("\n  ", Problems)
           + "\n  contract:\n" + (Text.Length > 4000 ? Text[..4000] + "…" : Text);
}

/// <summary>
/// One seeded case: pick a seed document, mutate it, run the generator in memory, compile the output, and check
/// the three promises — the generator never fails (no ALX0004, no exception, no CS8785), what it generates compiles
/// with nullable on and warnings as errors, and a build with no error diagnostic has every definition's validator
/// (never "green with output missing").
/// </summary>
public static class SchemaFuzzCase
{
    public static FuzzOutcome Run(int seed)
    {
        try
        {
            return RunCase(seed);
        }
        catch (Exception e)
        {
            // A failure of the fuzzer itself still names its seed.
            return new FuzzOutcome(seed, "?", "?", "", [], ["the fuzz case itself failed: " + e], false);
        }
    }

    private static FuzzOutcome RunCase(int seed)
    {
        var random = new Random(seed);
        var fromContracts = random.Next(10) < 2;
        var pool = fromContracts ? SchemaFuzzCorpus.ContractSeeds : SchemaFuzzCorpus.SuiteSeeds;
        var seedDocument = pool[random.Next(pool.Count)];
        var document = seedDocument.Document.DeepClone();
        var validatorOnly = !fromContracts && random.Next(2) == 0;
        if (fromContracts)
        {
            document = KeepSomeDefinitions(document, random);
        }
        else if (!validatorOnly)
        {
            document = new JsonObject { ["$defs"] = new JsonObject { ["case"] = document } };
        }

        var mutator = new SchemaMutator(random);
        document = mutator.Mutate(document);
        var path = "/fuzz/contracts/" + (fromContracts ? seedDocument.Name : "case.json");
        var text = FuzzJsonWriter.Write(document, escapeNonAscii: random.Next(2) == 0);

        var metadata = new List<(string, string)>();
        if (validatorOnly) metadata.Add(("AlexandriaEmit", "validators"));
        if (seedDocument.Draft.Length > 0) metadata.Add(("AlexandriaSchemaDraft", seedDocument.Draft));

        var problems = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        GeneratorRun? run = null;
        try
        {
            run = new GeneratorHarness().WithContract(path, text, metadata.ToArray()).Run();
        }
        catch (Exception e)
        {
            problems.Add("the generator driver threw " + e);
        }

        var generatorTime = clock.Elapsed;
        var hasError = false;
        if (run is not null)
        {
            hasError = run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            problems.AddRange(Crashes(run));
            problems.AddRange(CompileProblems(run, path).Take(5).Select(d => "generated code does not compile: " + d));
            if (!hasError)
            {
                problems.AddRange(MissingOutput(run, text, validatorOnly, path));
            }
        }

        return new FuzzOutcome(seed, seedDocument.Name, path, text, mutator.Log, problems, hasError) { GeneratorTime = generatorTime, CompileTime = clock.Elapsed - generatorTime };
    }

    /// <summary>
    /// Every warning and error in the files generated for this contract, and anywhere else the contract's code could
    /// cause one (<see cref="SharedCodeBaseline"/>: the support files, identical in every case, are checked whole once).
    /// </summary>
    internal static IEnumerable<Diagnostic> CompileProblems(GeneratorRun run, string path)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(path) + ".";
        return SharedCodeBaseline.Problems(run.Compilation, t => System.IO.Path.GetFileName(t.FilePath).StartsWith(stem, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Crashes(GeneratorRun run)
    {
        foreach (var diagnostic in run.GeneratorDiagnostics.Where(d => d.Id == "ALX0004" || d.Id.StartsWith("CS", StringComparison.Ordinal)))
        {
            yield return "generator failure: " + diagnostic;
        }

        foreach (var result in run.Result.Results.Where(r => r.Exception is not null))
        {
            yield return "generator exception: " + result.Exception;
        }
    }

    /// <summary>No error was reported, so every definition (or the validator-only root) must have its validator.</summary>
    private static IEnumerable<string> MissingOutput(GeneratorRun run, string text, bool validatorOnly, string path)
    {
        var root = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 });
        var expected = new List<string>();
        if (validatorOnly)
        {
            expected.Add(SchemaNaming.RootValidatorName(System.IO.Path.GetFileName(path)));
        }
        else if (root is JsonObject obj && obj["$defs"] is JsonObject defs && obj["openapi"] is null && obj["prompts"] is null && obj["swagger"] is null)
        {
            foreach (var (key, value) in defs)
            {
                var nameOverride = value is JsonObject schema && schema["x-alexandria-name"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
                expected.Add(SchemaNaming.ValidatorName(SchemaNaming.TypeName(key, nameOverride)));
            }
        }

        foreach (var name in expected.Distinct())
        {
            if (run.Compilation.GetTypeByMetadataName(GeneratorHarness.TestNamespace + "." + name) is null)
            {
                yield return "green build with output missing: no error diagnostic, yet no " + name;
            }
        }
    }

    /// <summary>A real contract cut down to a few definitions and what they reference, so a case compiles in a fraction of a second.</summary>
    private static JsonNode KeepSomeDefinitions(JsonNode document, Random random)
    {
        if (document is not JsonObject root || root["$defs"] is not JsonObject defs || defs.Count <= 4 || random.Next(20) == 0)
        {
            return document;
        }

        var names = defs.Select(p => p.Key).ToList();
        var keep = new HashSet<string>(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => names[random.Next(names.Count)]));
        var pending = new Queue<string>(keep);
        while (pending.Count > 0)
        {
            foreach (var reference in References(defs[pending.Dequeue()]))
            {
                // At most eight definitions: what is cut off is an unresolved $ref (ALX0101), which is a case too.
                if (defs.ContainsKey(reference) && keep.Count < 8 && keep.Add(reference)) pending.Enqueue(reference);
            }
        }

        foreach (var name in names.Where(n => !keep.Contains(n)))
        {
            defs.Remove(name);
        }

        return root;
    }

    private static IEnumerable<string> References(JsonNode? node)
        => node switch
        {
            JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().StartsWith("#/$defs/", StringComparison.Ordinal)
                ? [v.GetValue<string>()["#/$defs/".Length..].Split('/')[0].Replace("~1", "/").Replace("~0", "~")]
                : References(p.Value)),
            JsonArray array => array.SelectMany(References),
            _ => [],
        };
}
