using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;

namespace Alexandria.Cli.Tests;

/// <summary><c>alexandria index build</c> with redirected output, and <c>agent run --index</c> over the index it built.</summary>
public sealed class IndexOutputTests : IDisposable
{
    private static readonly string Docs = Path.Combine(CliProcess.RepoRoot, "samples", "research-docs");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "alexandria-cli-index-" + Guid.NewGuid().ToString("N"));

    private string Target => Path.Combine(_root, "index");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Index_build_json_reports_what_was_indexed_and_where()
    {
        var result = await CliProcess.RunAsync("index", "build", Docs, "--out", Target, "--output", "json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Target, document.RootElement.GetProperty("index").GetString());
        Assert.Equal(4, document.RootElement.GetProperty("documents").GetInt32());
        Assert.True(document.RootElement.GetProperty("chunks").GetInt32() > 4);
        Assert.True(File.Exists(Path.Combine(Target, "alexandria-index.json")));
    }

    [Fact]
    public async Task Index_build_plain_is_one_tab_separated_row_and_a_missing_folder_is_an_error_on_stderr()
    {
        var built = await CliProcess.RunAsync("index", "build", Docs, "--out", Target);
        Assert.True(built.Exit == 0, built.ToString());
        Assert.Contains($"{Docs}\t{Target}\t4\t", built.Stdout, StringComparison.Ordinal);

        var missing = Path.Combine(_root, "absent");
        var failed = await CliProcess.RunAsync("index", "build", missing, "--out", Path.Combine(_root, "x"));
        Assert.Equal(2, failed.Exit);
        Assert.Equal("", failed.Stdout);
        Assert.Contains($"No document folder at {missing}", failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_run_over_a_built_index_completes_with_every_citation_resolved()
    {
        var built = await CliProcess.RunAsync("index", "build", Docs, "--out", Target);
        Assert.True(built.Exit == 0, built.ToString());

        var run = await CliProcess.RunAsync("agent", "run", "--script", Path.Combine(CliProcess.RepoRoot, "scenarios", "agent-research.json"), "--index", Target, "--event-threshold", "9", "--store", Path.Combine(_root, "store"));
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains($"from the index at {Target}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("compaction.md#c001", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("citations resolve to evidence recorded in the run", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_run_over_a_damaged_index_says_so_and_exits_2()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "alexandria-index.json"), """{"format":1,"documents":1,"chunks":1}""");

        var run = await CliProcess.RunAsync("agent", "run", "--script", Path.Combine(CliProcess.RepoRoot, "scenarios", "agent-research.json"), "--index", Target, "--store", Path.Combine(_root, "store"));
        Assert.Equal(2, run.Exit);
        Assert.Contains($"The index at {Target} is damaged or unreadable", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
