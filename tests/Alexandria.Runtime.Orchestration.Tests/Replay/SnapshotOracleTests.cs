using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Orchestration.Tests.Scenarios;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Orchestration.Tests.Replay;

/// <summary>
/// Replay proves the builder is deterministic; these prove its snapshots are right, by an oracle that shares no
/// code with it (<see cref="SnapshotOracle"/>).
/// </summary>
public sealed class SnapshotOracleTests
{
    [Theory]
    [InlineData("research-long.json")]
    [InlineData("fallback-steps.json")]
    public async Task Every_stored_snapshot_of_a_shipped_scenario_agrees_with_the_independent_oracle(string scenario)
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(temp.Store, scenario, "oracle");
        var (oracle, history) = await LoadAsync(temp.Store, "oracle");

        Assert.NotEmpty(history);
        Assert.All(history, snapshot => Assert.IsType<JsonObject>(snapshot["run_totals"]));
        Assert.Empty(oracle.Check(history));
    }

    [Theory]
    [InlineData("/counted_events", "counted_events")]
    [InlineData("/tool_usage", "tool_usage")]
    [InlineData("/objective", "objective")]
    [InlineData("/plan_state", "plan_state")]
    [InlineData("/findings/", "findings")]
    [InlineData("/covered_steps", "covered_steps")]
    [InlineData("/created_at", "created_at")]
    [InlineData("/covered_seq/first", "covered_seq")]
    [InlineData("/decisions/", "decisions")]
    [InlineData("/open_questions/", "open_questions")]
    [InlineData("/run_totals/acts", "run_totals")]
    [InlineData("/run_totals/last_ok_observations", "last_ok_observations")]
    public async Task A_snapshot_that_is_valid_but_wrong_is_caught_at_its_pointer(string pointer, string member)
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(temp.Store, "research-long.json", "wrong");
        var (oracle, history) = await LoadAsync(temp.Store, "wrong");
        var victim = history[^1];

        Corrupt(victim, member);

        Assert.Contains(oracle.Check(history), v => v.StartsWith($"snapshot {history.Count} {pointer}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pointer_past_the_end_of_its_chunk_is_caught()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        await ScenarioRuns.PlayAsync(temp.Store, "research-long.json", "span");
        var (oracle, history) = await LoadAsync(temp.Store, "span");
        var withFindings = history.Last(s => ((JsonArray)s["findings"]!).Count > 0);
        var pointer = withFindings["findings"]![0]!["evidence"]![0]!;

        pointer["span"]!["end"] = 1_000_000;

        Assert.Contains(oracle.Check(history), v => v.Contains("/findings/0/evidence/0/span", StringComparison.Ordinal) && v.Contains("not within", StringComparison.Ordinal));
    }

    /// <summary>Each change keeps the snapshot schema-valid: only the oracle's knowledge of the log can refuse it.</summary>
    private static void Corrupt(JsonObject snapshot, string member)
    {
        switch (member)
        {
            case "counted_events":
                snapshot["counted_events"] = snapshot["counted_events"]!.GetValue<long>() - 1;
                break;
            case "tool_usage":
                var usage = snapshot["tool_usage"]![0]!;
                usage["calls"] = usage["calls"]!.GetValue<long>() + 1;
                break;
            case "objective":
                snapshot["objective"] = "An objective nobody stated.";
                break;
            case "plan_state":
                snapshot["plan_state"]![0]!["description"] = "A step nobody planned.";
                break;
            case "findings":
                var findings = (JsonArray)snapshot["findings"]!;
                findings.RemoveAt(findings.Count / 2);
                break;
            case "covered_steps":
                snapshot["covered_steps"]!["first"] = snapshot["covered_steps"]!["first"]!.GetValue<long>() + 1;
                break;
            case "created_at":
                snapshot["created_at"] = "2020-01-01T00:00:00Z";
                break;
            case "covered_seq":
                snapshot["covered_seq"]!["first"] = snapshot["covered_seq"]!["first"]!.GetValue<long>() + 1;
                break;
            case "decisions":
                ((JsonArray)snapshot["decisions"]!).Add(new JsonObject { ["decision_id"] = "D-1", ["statement"] = "s", ["rationale"] = "r", ["step_id"] = 0 });
                break;
            case "open_questions":
                ((JsonArray)snapshot["open_questions"]!).Add("Why is the sky green?");
                break;
            case "run_totals":
                snapshot["run_totals"]!["acts"] = snapshot["run_totals"]!["acts"]!.GetValue<long>() + 1;
                break;
            case "last_ok_observations":
                var lastOk = snapshot["run_totals"]!["last_ok_observations"]![0]!;
                lastOk["seq"] = lastOk["seq"]!.GetValue<long>() - 1;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(member), member, null);
        }
    }

    private static async Task<(SnapshotOracle Oracle, List<JsonObject> History)> LoadAsync(IRuntimeStore store, string runId)
    {
        var events = (await store.Events.ReadAsync(runId, 1, 100_000)).Select(e => (JsonObject)JsonNode.Parse(e.Json.Span)!).ToList();
        var history = (await store.Snapshots.GetHistoryAsync(runId)).Select(s => (JsonObject)JsonNode.Parse(s.Json.Span)!).ToList();
        var artifacts = new List<(byte[], byte[])>();
        foreach (var artifact in await store.Artifacts.FindByRunAsync(runId))
        {
            artifacts.Add((artifact.Metadata.ToArray(), await store.Objects.ReadAsync(runId, artifact.Hash)));
        }

        return (new SnapshotOracle(events, SnapshotOracle.ChunkLengths(artifacts)), history);
    }
}
