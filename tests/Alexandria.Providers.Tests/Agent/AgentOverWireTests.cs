using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Providers;
using Alexandria.Contracts;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;

namespace Alexandria.Providers.Tests.Agent;

/// <summary>The agent loop end to end through each real adapter and the loopback stub.</summary>
public sealed partial class AgentOverWireTests
{
    public static TheoryData<ProviderKind, bool, string> Providers()
    {
        var data = new TheoryData<ProviderKind, bool, string>();
        foreach (var kind in StubClients.Real)
        {
            data.Add(kind, false, "chat");
            data.Add(kind, true, "chat");
        }

        // The Responses API, whose requests with a system message cut at breakpoints Alexandria builds itself.
        data.Add(ProviderKind.OpenAI, false, "responses");
        data.Add(ProviderKind.OpenAI, true, "responses");
        return data;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_malformed_plan_is_repaired_through_the_real_adapter(ProviderKind kind, bool stream, string openAiApi)
    {
        await using var stub = await ProviderStub.StartAsync();
        var model = new ResearchModel(steps: 2) { MalformedFirstPlan = true, StrictNulls = kind == ProviderKind.OpenAI };
        stub.Reply = model.Reply;
        await using var store = await TemporaryStore.CreateAsync();
        using var client = StubClients.Create(stub, kind, StubClients.ModelFor(kind), stream, openAiApi: openAiApi);

        var result = await AgentRun.RunAsync(store, client, new AgentOptions { OutputSchemas = Schemas.PlannerOnly });

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(2, result.Steps);
        Assert.Equal(1, model.RepairRequests);
        var events = await AgentRun.EventsAsync(store);
        var repair = Assert.Single(events.OfType<RepairAttemptedEvent>());
        Assert.Contains(repair.Payload.Errors, e => e.Keyword == "enum");

        // The repair went through the adapter: the request after the malformed reply carries it and the repair prompt.
        var repairRequest = stub.Requests.Single(r => r.AllText.Contains("did not validate against its JSON schema", StringComparison.Ordinal));
        Assert.Contains("\\u0022later\\u0022", repairRequest.BodyText.Replace("\\\"", "\\u0022", StringComparison.Ordinal));

        // Every model call is recorded with what the provider reported and the prefix hash.
        var usage = events.OfType<TokenUsageEvent>().ToList();
        Assert.Equal(stub.Requests.Count, usage.Count);
        Assert.All(usage, u => Assert.Matches("^[a-f0-9]{64}$", u.Payload.PrefixSha256!));
        Assert.All(usage, u => Assert.True(u.Payload.InputTokens > 0));
        Assert.All(usage, u => Assert.Equal(StubClients.ModelFor(kind), u.Payload.Model));
    }

    [Fact]
    public async Task The_OpenAI_strict_nulls_would_fail_the_validator_without_the_reply_mapping()
    {
        await using var stub = await ProviderStub.StartAsync();
        var model = new ResearchModel(steps: 1) { StrictNulls = true };
        stub.Reply = model.Reply;
        await using var store = await TemporaryStore.CreateAsync();
        using var client = StubClients.Create(stub, ProviderKind.OpenAI, "gpt-5.6");
        var unmapped = Schemas.Plan with { OpenAiReplyToContract = null };

        var result = await AgentRun.RunAsync(store, client, new AgentOptions { OutputSchemas = new OneSchema(unmapped), MaxRepairs = 0 });

        // The validator is the judge in every mode: "objective": null is not a string.
        Assert.Equal(AgentRunStatus.SchemaRepairFailed, result.Status);
        Assert.Contains("/objective", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProviderKind.Anthropic, "claude-opus-5")]
    [InlineData(ProviderKind.OpenAI, "gpt-5.6")] // explicit prompt_cache_breakpoint parts, exact-boundary matches
    [InlineData(ProviderKind.OpenAI, "gpt-5.5")] // implicit: the longest prefix seen before
    public async Task A_50_step_run_keeps_one_prefix_hash_per_prompt_and_hits_the_cache(ProviderKind kind, string modelId)
    {
        await using var stub = await ProviderStub.StartAsync();
        var entry = ModelTable.Shipped.Find(kind == ProviderKind.OpenAI ? "openai" : "anthropic", modelId)!;
        var explicitBreakpoints = kind == ProviderKind.Anthropic || entry.ExplicitBreakpoints;
        stub.AnthropicCache.MinimumTokens = entry.MinCacheableTokens!.Value;
        stub.OpenAiCache.MinimumTokens = entry.MinCacheableTokens!.Value;
        var model = new ResearchModel(steps: 50);
        stub.Reply = model.Reply;
        await using var store = await TemporaryStore.CreateAsync();
        var warnings = new List<string>();
        using var client = StubClients.Create(stub, kind, modelId, warnings: warnings);
        var options = new AgentOptions
        {
            OutputSchemas = Schemas.PlannerOnly,
            Limits = new AgentLimits { MaxSteps = 60, MaxModelCalls = 200, MaxTokens = long.MaxValue },
            // The default automatic compaction (18 counted events or 8 steps) stays on: the snapshot changes at each one.
        };

        var result = await AgentRun.RunAsync(store, client, options, Brief);

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.Equal(50, result.Steps);
        var events = await AgentRun.EventsAsync(store);
        var compactions = events.OfType<CompactionFinishedEvent>().Count();
        Assert.True(compactions >= 5, "the run compacts several times");
        var usage = events.OfType<TokenUsageEvent>().ToList();
        Assert.Equal(101, usage.Count); // 51 planner + 50 executor calls

        // prefix_sha256 covers the run-stable prefix (before the planner's snapshot): one hash per prompt for the whole
        // run, across every compaction; the planner's requests really do carry several different snapshots.
        var byRole = usage.GroupBy(u => u.AgentRole).ToDictionary(g => g.Key, g => g.Select(u => u.Payload.PrefixSha256).Distinct().Count());
        Assert.Equal(1, byRole[AgentRole.Planner]);
        Assert.Equal(1, byRole[AgentRole.Executor]);
        var snapshotsSeen = stub.Requests.Select(r => SnapshotInPrompt().Match(r.AllText)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Count();
        Assert.True(snapshotsSeen >= 6, $"planner requests carried {snapshotsSeen} distinct snapshots");

        // The first planner and the first executor request write the cache; every later one reads it.
        // The instructions and tool catalog alone are shorter than any minimum: with explicit breakpoints (Anthropic,
        // gpt-5.6) the adapter says so for both prompts; an implicit cache takes the longest prefix, so only the last
        // breakpoint counts and it qualifies.
        Assert.Equal(explicitBreakpoints ? 2 : 0, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("'instructions_and_tools'", w, StringComparison.Ordinal));
        var hits = usage.Count(u => u.Payload.CachedTokens > 0);
        var ratio = (double)hits / usage.Count;
        Assert.Equal(99, hits);
        Assert.True(ratio >= 0.98, $"hit ratio {ratio:P1}");
        if (explicitBreakpoints)
        {
            // Written (and recorded as cache_creation_tokens): the first planner and executor prefixes, then the
            // planner's snapshot block once per compaction.
            Assert.InRange(usage.Count(u => u.Payload.CacheCreationTokens > 0), 2, 2 + compactions);
        }
        else
        {
            Assert.All(usage, u => Assert.Null(u.Payload.CacheCreationTokens));
        }

        if (kind == ProviderKind.OpenAI)
        {
            // gpt-5.6 gets breakpoint markers and explicit cache options on every request; gpt-5.5 on none.
            Assert.All(stub.Requests, r => Assert.Equal(explicitBreakpoints, r.BodyText.Contains("\"prompt_cache_options\":{\"mode\":\"explicit\",\"ttl\":\"30m\"}", StringComparison.Ordinal)));
            Assert.All(stub.Requests, r => Assert.Equal(explicitBreakpoints, r.BodyText.Contains("\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_second_run_with_the_same_manifest_and_tools_reuses_the_first_runs_prefix()
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.AnthropicCache.MinimumTokens = 512;
        var hashes = new List<HashSet<string?>>();
        var firstCalls = new List<TokenUsageEvent>();
        foreach (var run in new[] { "run-a", "run-b" })
        {
            stub.Reply = new ResearchModel(steps: 2).Reply;
            await using var store = await TemporaryStore.CreateAsync();
            using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-opus-5");
            var result = await AgentRun.RunAsync(store, client, new AgentOptions(), Brief, run);
            Assert.Equal(AgentRunStatus.Completed, result.Status);
            var usage = (await AgentRun.EventsAsync(store, run)).OfType<TokenUsageEvent>().ToList();
            hashes.Add(usage.Select(u => u.Payload.PrefixSha256).ToHashSet());
            firstCalls.Add(usage[0]);
        }

        // Byte-identical prefixes across runs: the same hashes, and the second run's very first call reads the cache.
        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(0, firstCalls[0].Payload.CachedTokens);
        Assert.True(firstCalls[1].Payload.CachedTokens > 0);
    }

    [Fact]
    public async Task A_breakpoint_below_the_model_minimum_is_warned_about_once()
    {
        await using var stub = await ProviderStub.StartAsync();
        var model = new ResearchModel(steps: 3);
        stub.Reply = model.Reply;
        await using var store = await TemporaryStore.CreateAsync();
        var warnings = new List<string>();
        using var client = StubClients.Create(stub, ProviderKind.Anthropic, "claude-haiku-4-5", warnings: warnings);

        var result = await AgentRun.RunAsync(store, client, new AgentOptions());

        Assert.Equal(AgentRunStatus.Completed, result.Status);
        // Haiku 4.5 caches from 4,096 tokens: every breakpoint of both prompts (3 + 2) is too short, each warned once.
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("below the 4096-token minimum", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'instructions_and_tools' of the planner", StringComparison.Ordinal));
        Assert.All((await AgentRun.EventsAsync(store)).OfType<TokenUsageEvent>(), u => Assert.Equal(0, u.Payload.CachedTokens));
    }

    /// <summary>
    /// A research brief: the shipped prompts' stable prefix (instructions, the three research tools, a one-line
    /// objective) is about 500 tokens, under OpenAI's 1,024 minimum, so the run carries a brief long enough to be cached.
    /// </summary>
    private static readonly string Brief = string.Join(" ", Enumerable.Repeat("Survey how and when the runtime compacts its event log, what a snapshot holds, and cite each document you rely on.", 30));

    // Anthropic's system blocks are joined with a newline in AllText, so the one after the run breakpoint may follow.
    [GeneratedRegex(@"Working state \(latest compaction snapshot, JSON\):\n\n?(\{[^\n]*\})\n")]
    private static partial Regex SnapshotInPrompt();

    private sealed class OneSchema(ProviderOutputSchema schema) : IOutputSchemaCatalog
    {
        public ProviderOutputSchema? For(string promptId) => promptId == "planner" ? schema : null;
    }
}
