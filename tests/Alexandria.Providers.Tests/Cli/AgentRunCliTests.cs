using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Providers.Tests.Infrastructure;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Cli;

/// <summary><c>alexandria agent run --provider …</c> as a user runs it, against the loopback stub.</summary>
public sealed class AgentRunCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alexandria-providers-" + Guid.NewGuid().ToString("N"));

    public AgentRunCliTests()
    {
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task The_key_authenticates_the_request_and_appears_nowhere_else()
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = new ResearchModel(steps: 2) { MalformedFirstPlan = true }.Reply;
        var store = Path.Combine(_root, "store");

        var run = await CliProcess.RunAsync(
            new[] { "agent", "run", "--provider", "openai", "--model", "gpt-5.6", "--base-url", new Uri(stub.BaseUrl, "v1").ToString(), "--objective", "Explain when compaction fires.", "--run-id", "key-run", "--store", store, "--index", "samples/research-docs", "--stream" },
            new Dictionary<string, string> { ["OPENAI_API_KEY"] = StubClients.SentinelKey });
        var inspect = await CliProcess.RunAsync(new[] { "inspect", "key-run", "--store", store, "--output", "json" });

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Agent: openai gpt-5.6 at ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("(API key set)", run.Stdout, StringComparison.Ordinal);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer " + StubClients.SentinelKey, r.Headers["authorization"]));
        Assert.True(stub.Requests.Count >= 5);

        // The shipped prompts with a one-line objective are below OpenAI's cacheable minimum: the user is told, once.
        Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("warning: cache breakpoint 'run_and_snapshot' of the planner prompt sits at about ", StringComparison.Ordinal)
            && l.Contains("below the 1024-token minimum openai caches for gpt-5.6", StringComparison.Ordinal));
        Assert.DoesNotContain(StubClients.SentinelKey, run.Stdout + run.Stderr + inspect.Stdout + inspect.Stderr, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories))
        {
            Assert.False(File.ReadAllText(file, Encoding.UTF8).Contains(StubClients.SentinelKey, StringComparison.Ordinal), file);
        }
    }

    [Fact]
    public async Task Appsettings_choose_the_provider_and_inspect_reports_tokens_cache_hits_and_cost()
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.AnthropicCache.MinimumTokens = 256;
        stub.Reply = new ResearchModel(steps: 4).Reply;
        File.WriteAllText(Path.Combine(_root, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Alexandria = new { Provider = new { Name = "anthropic", Model = "claude-sonnet-4-6", BaseUrl = stub.BaseUrl.ToString(), CacheTtl = "1h" } },
        }));
        var store = Path.Combine(_root, "store");
        var docs = Path.Combine(CliProcess.RepoRoot, "samples", "research-docs");

        var run = await CliProcess.RunAsync(
            new[] { "agent", "run", "--objective", "Explain when compaction fires.", "--run-id", "settings-run", "--store", store, "--index", docs },
            new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = StubClients.SentinelKey },
            _root);
        var inspect = await CliProcess.RunAsync(new[] { "inspect", "settings-run", "--store", store, "--output", "json" });

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Agent: anthropic claude-sonnet-4-6", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"ttl\":\"1h\"", stub.Requests[0].BodyText, StringComparison.Ordinal);
        Assert.True(inspect.Exit == 0, inspect.ToString());
        var usage = Assert.Single(JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("usage").EnumerateArray());
        Assert.Equal("claude-sonnet-4-6", usage.GetProperty("model").GetString());
        var calls = usage.GetProperty("calls").GetInt32();
        Assert.Equal(stub.Requests.Count, calls);
        Assert.Equal(calls - 2, usage.GetProperty("cache_hit_calls").GetInt32()); // the first planner and executor calls write
        Assert.True(usage.GetProperty("cached_tokens").GetInt64() > 0);
        Assert.True(usage.GetProperty("cache_creation_tokens").GetInt64() > 0);

        // The cost follows the shipped prices of claude-sonnet-4-6 ($3 in, $0.30 cached, $3.75 cache write, $15 out per million).
        var input = usage.GetProperty("input_tokens").GetInt64();
        var cached = usage.GetProperty("cached_tokens").GetInt64();
        var written = usage.GetProperty("cache_creation_tokens").GetInt64();
        var output = usage.GetProperty("output_tokens").GetInt64();
        var expected = (((input - cached - written) * 3m) + (cached * 0.3m) + (written * 3.75m) + (output * 15m)) / 1_000_000m;
        Assert.Equal(expected, usage.GetProperty("estimated_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task OpenAI_cache_writes_reach_the_events_and_inspect_prices_them_from_a_user_table()
    {
        await using var stub = await ProviderStub.StartAsync();
        stub.Reply = new ResearchModel(steps: 2).Reply;
        var store = Path.Combine(_root, "store");
        var table = Path.Combine(_root, "prices.json");
        File.WriteAllText(table, """
            { "format": "alexandria-model-table/1", "models": [
              { "provider": "openai", "model": "gpt-5.6", "min_cacheable_tokens": 1024, "cache_ttls": ["30m"], "cache_breakpoints": "explicit",
                "price_per_million": { "input": 2, "cached_input": 0.2, "cache_write": 2.5, "output": 8 } } ] }
            """);
        var brief = string.Join(" ", Enumerable.Repeat("Survey how and when the runtime compacts its event log, what a snapshot holds, and cite each document you rely on.", 30));

        var run = await CliProcess.RunAsync(
            new[] { "agent", "run", "--provider", "openai", "--model", "gpt-5.6", "--model-table", table, "--base-url", new Uri(stub.BaseUrl, "v1").ToString(), "--objective", brief, "--run-id", "write-run", "--store", store, "--index", "samples/research-docs" },
            new Dictionary<string, string> { ["OPENAI_API_KEY"] = StubClients.SentinelKey });
        var inspect = await CliProcess.RunAsync(new[] { "inspect", "write-run", "--store", store, "--model-table", table, "--output", "json" });

        Assert.True(run.Exit == 0, run.ToString());
        Assert.True(inspect.Exit == 0, inspect.ToString());
        Assert.All(stub.Requests, r => Assert.Contains("\"prompt_cache_breakpoint\":{\"mode\":\"explicit\"}", r.BodyText, StringComparison.Ordinal));
        var usage = Assert.Single(JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("usage").EnumerateArray());
        var written = usage.GetProperty("cache_creation_tokens").GetInt64();
        var cached = usage.GetProperty("cached_tokens").GetInt64();
        Assert.True(written > 0, inspect.Stdout); // OpenAI's cache_write_tokens, recorded like Anthropic's cache_creation_input_tokens
        Assert.True(cached > 0, inspect.Stdout);

        // The cost prices the writes at the table's cache_write rate ($2 in, $0.20 cached, $2.50 written, $8 out per million).
        var input = usage.GetProperty("input_tokens").GetInt64();
        var output = usage.GetProperty("output_tokens").GetInt64();
        var expected = (((input - cached - written) * 2m) + (cached * 0.2m) + (written * 2.5m) + (output * 8m)) / 1_000_000m;
        Assert.Equal(expected, usage.GetProperty("estimated_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task A_missing_key_names_its_variable()
    {
        var run = await CliProcess.RunAsync(
            new[] { "agent", "run", "--provider", "anthropic", "--model", "claude-sonnet-4-6", "--objective", "x", "--store", Path.Combine(_root, "store") },
            new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "", ["Alexandria__Provider__ApiKey"] = "" });

        Assert.Equal(2, run.Exit);
        Assert.Contains("needs an API key: set ANTHROPIC_API_KEY", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_choices()
    {
        var run = await CliProcess.RunAsync("agent", "run", "--provider", "gemini", "--model", "x", "--objective", "x", "--store", Path.Combine(_root, "store"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("Unknown provider 'gemini': use openai, anthropic, ollama or scripted.", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
