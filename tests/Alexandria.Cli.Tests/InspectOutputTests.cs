using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;

namespace Alexandria.Cli.Tests;

/// <summary><c>alexandria run</c>, <c>inspect</c> and <c>replay</c> with redirected output: what a script or a CI log gets.</summary>
public sealed class InspectOutputTests(RecordedRun run) : IClassFixture<RecordedRun>
{
    [Fact]
    public void Run_redirected_prints_the_long_run_id_and_store_path_whole_on_one_line()
    {
        var lines = Lines(run.Played.Stdout);

        Assert.Contains($"# Verify with: alexandria replay {run.RunId} --store {run.Store}", lines);
        Assert.Contains(lines, l => l.StartsWith(run.RunId + "\t", StringComparison.Ordinal));
        Assert.DoesNotContain('│', run.Played.Stdout);
        Assert.DoesNotContain('\u001b', run.Played.Stdout + run.Played.Stderr);
    }

    [Fact]
    public async Task Inspect_redirected_is_tab_separated_with_full_snapshot_ids_and_hashes()
    {
        var plain = await CliProcess.RunAsync("inspect", run.RunId, "--store", run.Store);
        var json = await CliProcess.RunAsync("inspect", run.RunId, "--store", run.Store, "--output", "json");

        Assert.True(plain.Exit == 0, plain.ToString());
        var lines = Lines(plain.Stdout);
        Assert.Equal("# Events 1..89 of 89", lines[0]);
        Assert.Equal("seq\tstep\trole\tkind\tcounted\ttime (UTC)\tdetail", lines[1]);
        var eventRows = lines.Skip(2).TakeWhile(l => !l.StartsWith('#')).ToList();
        Assert.Equal(89, eventRows.Count);
        Assert.All(eventRows, row => Assert.Equal(7, row.Split('\t').Length));

        using var document = JsonDocument.Parse(json.Stdout);
        foreach (var snapshot in document.RootElement.GetProperty("snapshots").EnumerateArray())
        {
            var id = snapshot.GetProperty("snapshot_id").GetString()!;
            Assert.Contains(lines, l => l.StartsWith(id + "\t", StringComparison.Ordinal));
        }

        var started = document.RootElement.GetProperty("events").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "tool_call_started");
        Assert.Contains(started.GetProperty("payload").GetProperty("call_hash").GetString()!, plain.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('…', plain.Stdout);
    }

    [Fact]
    public async Task Inspect_json_is_one_document_whose_events_and_snapshots_pass_the_contract_validators()
    {
        var result = await CliProcess.RunAsync("inspect", run.RunId, "--store", run.Store, "--output", "json");

        Assert.True(result.Exit == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal(run.RunId, root.GetProperty("run_id").GetString());
        Assert.Equal(89, root.GetProperty("last_seq").GetInt64());
        Assert.Contains(run.Store, root.GetProperty("source").GetString(), StringComparison.Ordinal);

        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 89).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(events, e => AssertValid(RunEventValidator.Validate(Encoding.UTF8.GetBytes(e.GetRawText()))));

        var snapshots = root.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, s => AssertValid(CompactionSnapshotValidator.Validate(Encoding.UTF8.GetBytes(s.GetRawText()))));
    }

    [Fact]
    public async Task Inspect_json_honours_from_and_limit()
    {
        var result = await CliProcess.RunAsync("inspect", run.RunId, "--store", run.Store, "-o", "json", "--from", "10", "--limit", "5");

        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal([10L, 11, 12, 13, 14], document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(89, document.RootElement.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public async Task Inspect_of_a_missing_run_leaves_stdout_empty_says_why_on_stderr_and_exits_with_2()
    {
        foreach (var format in new[] { "json", "plain", "table" })
        {
            var result = await CliProcess.RunAsync("inspect", "no-such-run", "--store", run.Store, "-o", format);

            Assert.True(result.Exit == 2, result.ToString());
            Assert.Equal("", result.Stdout);
            Assert.Contains("Run no-such-run has no events in the embedded store at " + run.Store, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Replay_json_reports_every_snapshot_verified_and_exits_with_0()
    {
        var result = await CliProcess.RunAsync("replay", run.RunId, "--store", run.Store, "--output", "json");

        Assert.True(result.Exit == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(run.RunId, document.RootElement.GetProperty("run_id").GetString());
        Assert.Equal(89, document.RootElement.GetProperty("events_read").GetInt64());
        Assert.Equal(2, document.RootElement.GetProperty("snapshots_checked").GetInt32());
        Assert.True(document.RootElement.GetProperty("verified").GetBoolean());
        Assert.Empty(document.RootElement.GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task Run_json_is_the_document_alone_with_every_compaction_and_its_notes_on_stderr()
    {
        var runId = "json-" + Guid.NewGuid().ToString("N");
        var result = await CliProcess.RunAsync(
            "run", "--scenario", System.IO.Path.Combine(CliProcess.RepoRoot, "scenarios", "fallback-steps.json"), "--run-id", runId, "--store", run.Store, "-o", "json");

        Assert.True(result.Exit == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var root = document.RootElement;
        Assert.Equal(runId, root.GetProperty("run_id").GetString());
        Assert.Equal(89, root.GetProperty("last_seq").GetInt64());
        Assert.Equal(2, root.GetProperty("snapshots_written").GetInt32());
        var compactions = root.GetProperty("compactions").EnumerateArray().ToList();
        Assert.Equal([7L, 15], compactions.Select(c => c.GetProperty("step").GetInt64()));
        Assert.All(compactions, c => Assert.True(Guid.TryParse(c.GetProperty("snapshot_id").GetString(), out _)));
        Assert.Equal(1, compactions[0].GetProperty("covered_seq").GetProperty("first").GetInt64());
        Assert.Contains("Compaction: 18 counted events or 8 steps", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    private static void AssertValid(ValidationResult result)
        => Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
}
