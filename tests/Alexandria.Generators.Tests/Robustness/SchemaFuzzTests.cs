using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// The schema fuzzer (issue 15, item 15): seeded mutations of the real contracts and of the JSON Schema suite's
/// schemas. CI runs <see cref="DefaultCases"/>; <c>ALEXANDRIA_SCHEMA_FUZZ_CASES=10000</c> runs the soak (result in
/// docs/reliability.md) and <c>ALEXANDRIA_SCHEMA_FUZZ_SEED</c> moves the first seed, so a failing seed printed here
/// reproduces alone. <c>ALEXANDRIA_SCHEMA_FUZZ_MINUTES</c> bounds a soak's time (cases not started by then are not
/// run, and the summary says how many ran); <c>ALEXANDRIA_SCHEMA_FUZZ_LOG</c> names a file that gets a progress line
/// every 100 cases, so a soak that is stopped still has its count. <c>ALEXANDRIA_SCHEMA_FUZZ_SEEDS=1,5,9</c> runs exactly
/// those seeds (a soak's failures, after a fix).
/// </summary>
public sealed class SchemaFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 150;

    private const int DefaultFirstSeed = 15_000;

    /// <summary>A case that takes longer than this is a hang (an unbounded loop in the generator), reported as a failure.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void Mutated_schemas_never_crash_the_generator_always_compile_and_never_build_green_with_output_missing()
    {
        var cases = Setting("ALEXANDRIA_SCHEMA_FUZZ_CASES", DefaultCases);
        var first = Setting("ALEXANDRIA_SCHEMA_FUZZ_SEED", DefaultFirstSeed);
        var failures = new ConcurrentBag<FuzzOutcome>();
        var slowest = new ConcurrentBag<FuzzOutcome>();
        var budget = Setting("ALEXANDRIA_SCHEMA_FUZZ_MINUTES", 0);
        var log = Environment.GetEnvironmentVariable("ALEXANDRIA_SCHEMA_FUZZ_LOG");
        var withErrors = 0;
        var ran = 0;
        long generatorTicks = 0, compileTicks = 0;
        var clock = Stopwatch.StartNew();

        var seeds = Environment.GetEnvironmentVariable("ALEXANDRIA_SCHEMA_FUZZ_SEEDS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList()
            : Enumerable.Range(first, cases).ToList();
        cases = seeds.Count;
        Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (seed, loop) =>
        {
            if (budget > 0 && clock.Elapsed > TimeSpan.FromMinutes(budget))
            {
                loop.Stop();
                return;
            }

            var task = Task.Run(() => SchemaFuzzCase.Run(seed));
            var outcome = task.Wait(CaseTimeout)
                ? task.Result
                : new FuzzOutcome(seed, "?", "?", "", [], ["the case did not finish within " + CaseTimeout], false);
            if (outcome.HasError) System.Threading.Interlocked.Increment(ref withErrors);
            System.Threading.Interlocked.Add(ref generatorTicks, outcome.GeneratorTime.Ticks);
            System.Threading.Interlocked.Add(ref compileTicks, outcome.CompileTime.Ticks);
            if (outcome.Problems.Count > 0) failures.Add(outcome);
            if (outcome.CompileTime + outcome.GeneratorTime > TimeSpan.FromSeconds(2)) slowest.Add(outcome);
            var done = System.Threading.Interlocked.Increment(ref ran);
            if (log is not null && done % 100 == 0)
            {
                lock (failures) System.IO.File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss} {done} cases, {failures.Count} failed ({string.Join(", ", failures.Select(f => f.Seed).Order())})\n");
            }
        });

        output.WriteLine($"schema fuzz: {ran} of {cases} cases from seed {first} in {clock.Elapsed.TotalSeconds:F1} s; {withErrors} reported an error diagnostic; {failures.Count} failed "
            + $"(generator {TimeSpan.FromTicks(generatorTicks).TotalSeconds:F1} s, compiling {TimeSpan.FromTicks(compileTicks).TotalSeconds:F1} s in all)");
        foreach (var slow in slowest.OrderByDescending(o => o.CompileTime + o.GeneratorTime).Take(5))
        {
            output.WriteLine($"  slow: seed {slow.Seed} {slow.SeedName} {(slow.CompileTime + slow.GeneratorTime).TotalSeconds:F1} s ({slow.Text.Length} chars; {string.Join("; ", slow.Mutations)})");
        }

        var report = string.Join("\n\n", failures.OrderBy(f => f.Seed).Take(5).Select(f => f.Describe()));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {ran} fuzz cases failed (seeds {string.Join(", ", failures.Select(f => f.Seed).Order())}):\n\n{report}");
    }

    [Fact]
    public void The_suites_own_schemas_are_valid_so_none_gets_a_schema_validity_error()
    {
        var wrong = SchemaFuzzCorpus.SuiteSeeds
            .Select(seed => (seed.Name, Run: new GeneratorHarness()
                .WithContract("/suite/case.json", FuzzJsonWriter.Write(seed.Document, escapeNonAscii: false), ("AlexandriaEmit", "validators"), ("AlexandriaSchemaDraft", seed.Draft))
                .RunGeneratorOnly()))
            .SelectMany(c => c.Run.Where(d => d.Id is "ALX0104" or "ALX0121" or "ALX0004").Select(d => c.Name + ": " + d))
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
