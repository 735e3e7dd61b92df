using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Output;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tests.Loop;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Xunit.Abstractions;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Faults;

public sealed class FaultCorpusTests(ITestOutputHelper output)
{
    private static IReadOnlyList<FaultCase> Corpus() => FaultCorpus.Generate(Path.Combine(ShippedScenarioTests.Folder, "output_schema.json"));

    [Fact]
    public void The_corpus_covers_every_malformation_kind_on_every_prompt_with_at_least_200_cases()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 200, $"{corpus.Count} cases");
        foreach (var prompt in FaultCorpus.Prompts.Keys)
        {
            var kinds = corpus.Where(c => c.Prompt == prompt).Select(c => c.Kind).ToList();
            foreach (var kind in new[] { "missing_required", "wrong_type", "extra_member", "too_short", "truncated", "trailing_comma", "prose_", "fence_" })
            {
                Assert.Contains(kinds, k => k.StartsWith(kind, StringComparison.Ordinal));
            }

            // Only where the schema has them: plan_payload's status enum, act_payload's tool_name pattern.
            Assert.Contains(kinds, k => k.StartsWith(prompt == "planner" ? "wrong_enum" : "pattern_violation", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_malformed_reply_ever_reads_as_a_value_that_fails_its_schema()
    {
        var reachedInvalid = 0;
        foreach (var fault in Corpus())
        {
            var (value, errors) = fault.Definition == "plan_payload"
                ? Read(fault.Reply, OutputContracts.Plan, Json)
                : Read(fault.Reply, OutputContracts.Act, Json);
            if (fault.RecoverableWithoutRepair)
            {
                Assert.True(value is not null, fault + " should be recovered by extraction: " + string.Join("; ", errors.Select(e => e.ToRepairLine())));
            }
            else
            {
                Assert.True(value is null, fault + " read as a value");
                Assert.NotEmpty(errors);
            }

            if (value is not null && !FaultCorpus.Prompts.Values.Any(p => p.Valid == value))
            {
                reachedInvalid++;
            }
        }

        Assert.Equal(0, reachedInvalid);
    }

    [Fact]
    public async Task Every_fault_ends_valid_within_two_repairs_when_the_second_answer_is_right()
    {
        var corpus = Corpus();
        var endedValid = 0;
        var repairsUsed = new List<int>();
        foreach (var fault in corpus)
        {
            await using var harness = await AgentHarness.CreateAsync();
            var (_, plan) = FaultCorpus.Prompts["planner"];
            var (_, act) = FaultCorpus.Prompts["executor"];
            var turns = new List<ScriptedTurn>();
            if (fault.Prompt == "planner")
            {
                turns.Add(Planner(fault.Reply));
                if (!fault.RecoverableWithoutRepair)
                {
                    turns.Add(Repair(plan));
                }

                turns.Add(Executor(act));
            }
            else
            {
                turns.Add(Planner(plan));
                turns.Add(Executor(fault.Reply));
                if (!fault.RecoverableWithoutRepair)
                {
                    turns.Add(Repair(act));
                }
            }

            turns.Add(Planner(Done));
            var result = await harness.RunAsync(Of(turns.ToArray()));
            Assert.True(result.Status == AgentRunStatus.Completed, fault + ": " + result.Message);
            var events = await harness.EventsAsync();
            // What reached the log (and every later consumer) is exactly the valid value, never the malformed one.
            Assert.Equal(plan, Json(events.OfType<PlanEvent>().First().Payload));
            Assert.Equal(act, Json(events.OfType<ActEvent>().Single().Payload));
            endedValid++;
            repairsUsed.Add(result.Usage.Repairs);
        }

        output.WriteLine($"{corpus.Count} malformed replies; {endedValid} ended valid within 2 repairs ({100.0 * endedValid / corpus.Count:0.#} %); repairs used: {repairsUsed.Count(r => r == 0)} none, {repairsUsed.Count(r => r == 1)} one.");
        Assert.Equal(corpus.Count, endedValid);
    }

    /// <summary>The value read from <paramref name="reply"/>, as its JSON, or the errors.</summary>
    private static (string? Value, IReadOnlyList<OutputError> Errors) Read<T>(string reply, OutputContract<T> contract, Func<T, string> json)
        where T : class
    {
        var (value, errors) = StructuredModelCall.Read(reply, contract, null);
        return (value is null ? null : json(value), errors);
    }

    private static string Json<T>(T value) => System.Text.Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, OutputSchemaJson.Options));
}
