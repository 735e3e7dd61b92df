using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Runtime.Orchestration.Tests.Replay;

/// <summary>
/// A second opinion on stored snapshots, written from DOMAIN.md §1–§2 and the contract alone, over the raw JSON
/// of the log: it shares no code with <c>SnapshotBuilder</c>, the generated types or the replayer, so a bug in
/// the builder that replay would faithfully reproduce (replay only proves determinism) still shows up here.
/// </summary>
/// <remarks>
/// What it holds every snapshot to, for the events up to its <c>covered_seq.last</c>:
/// the chain is contiguous from seq 1 and linked by parent id; the counted events of its range are exactly its
/// plan/act/observe events; the step range and <c>created_at</c> match the range's events; the objective is the
/// latest one stated; the plan state is the latest plan with later deltas applied by step id; tool usage counts
/// every act (calls) and every failed observation of a known call (failures); findings are a newest-first-kept
/// suffix of the successful observations that cite evidence, each carrying that observation's pointers; every
/// decision names a plan that chose an override or a delta that explained itself; every open question repeats
/// what a failed or empty observation said; every evidence pointer names a stored chunk and lies within it.
/// </remarks>
public sealed class SnapshotOracle
{
    private static readonly HashSet<string> CountedKinds = new(StringComparer.Ordinal) { "plan", "act", "observe" };

    private readonly IReadOnlyList<JsonObject> _events;
    private readonly IReadOnlyDictionary<(string EvidenceId, string ChunkId), int> _chunkLengths;

    /// <param name="events">The run's events, raw JSON, in seq order.</param>
    /// <param name="chunkLengths">Length in characters of every evidence chunk stored for the run.</param>
    public SnapshotOracle(IReadOnlyList<JsonObject> events, IReadOnlyDictionary<(string EvidenceId, string ChunkId), int> chunkLengths)
    {
        _events = events;
        _chunkLengths = chunkLengths;
    }

    /// <summary>Every way the snapshot history (raw JSON, oldest first) breaks an invariant, as "snapshot N /pointer: why".</summary>
    public IReadOnlyList<string> Check(IReadOnlyList<JsonObject> history)
    {
        var violations = new List<string>();
        string? parentId = null;
        long nextSeq = 1;
        for (var i = 0; i < history.Count; i++)
        {
            var snapshot = history[i];
            void Fail(string pointer, string why) => violations.Add($"snapshot {i + 1} {pointer}: {why}");
            CheckChain(snapshot, parentId, nextSeq, Fail);
            var last = Long(snapshot["covered_seq"]!["last"]);
            if (last < 1 || last > _events.Count)
            {
                Fail("/covered_seq/last", $"{last} is outside the log (1..{_events.Count}).");
                continue;
            }

            var first = Long(snapshot["covered_seq"]!["first"]);
            var range = _events.Where(e => Long(e["seq"]) >= first && Long(e["seq"]) <= last).ToList();
            var upTo = _events.Take((int)last).ToList();
            CheckRange(snapshot, range, Fail);
            CheckObjectiveAndPlan(snapshot, upTo, Fail);
            CheckToolUsage(snapshot, upTo, Fail);
            CheckFindings(snapshot, upTo, Fail);
            CheckDecisionsAndQuestions(snapshot, upTo, Fail);
            CheckRunTotals(snapshot, upTo, Fail);
            parentId = (string?)snapshot["snapshot_id"];
            nextSeq = last + 1;
        }

        return violations;
    }

    private static void CheckChain(JsonObject snapshot, string? parentId, long nextSeq, Action<string, string> fail)
    {
        var parent = (string?)snapshot["parent_snapshot_id"];
        if (!string.Equals(parent, parentId, StringComparison.OrdinalIgnoreCase))
        {
            fail("/parent_snapshot_id", $"is {parent ?? "null"}, the previous snapshot is {parentId ?? "none"}.");
        }

        if (Long(snapshot["covered_seq"]!["first"]) != nextSeq)
        {
            fail("/covered_seq/first", $"is {snapshot["covered_seq"]!["first"]}, the range must continue at {nextSeq}.");
        }
    }

    private static void CheckRange(JsonObject snapshot, List<JsonObject> range, Action<string, string> fail)
    {
        var counted = range.Count(e => CountedKinds.Contains((string)e["kind"]!));
        if (Long(snapshot["counted_events"]) != counted)
        {
            fail("/counted_events", $"is {snapshot["counted_events"]}, the range holds {counted} plan/act/observe events.");
        }

        var steps = range.Select(e => Long(e["step_id"])).ToList();
        if (Long(snapshot["covered_steps"]!["first"]) != steps.Min() || Long(snapshot["covered_steps"]!["last"]) != steps.Max())
        {
            fail("/covered_steps", $"is {snapshot["covered_steps"]!.ToJsonString()}, the range's steps are {steps.Min()}..{steps.Max()}.");
        }

        var lastAt = DateTimeOffset.Parse((string)range[^1]["occurred_at"]!, CultureInfo.InvariantCulture);
        if (DateTimeOffset.Parse((string)snapshot["created_at"]!, CultureInfo.InvariantCulture) != lastAt)
        {
            fail("/created_at", $"is {snapshot["created_at"]}, the last covered event occurred at {range[^1]["occurred_at"]}.");
        }
    }

    private static void CheckObjectiveAndPlan(JsonObject snapshot, List<JsonObject> upTo, Action<string, string> fail)
    {
        var objective = upTo.Where(e => Kind(e) == "plan").Select(e => (string?)e["payload"]!["objective"]).LastOrDefault(o => !string.IsNullOrEmpty(o)) ?? "";
        if ((string?)snapshot["objective"] != objective)
        {
            fail("/objective", $"is \"{snapshot["objective"]}\", the latest stated objective is \"{objective}\".");
        }

        var plan = new List<JsonNode>();
        foreach (var evt in upTo)
        {
            if (Kind(evt) == "plan")
            {
                plan = ((JsonArray)evt["payload"]!["steps"]!).Select(s => s!.DeepClone()).ToList();
            }
            else if (Kind(evt) == "plan_delta")
            {
                foreach (var updated in (JsonArray)evt["payload"]!["updated_steps"]!)
                {
                    var at = plan.FindIndex(s => Long(s["step_id"]) == Long(updated!["step_id"]));
                    if (at >= 0)
                    {
                        plan[at] = updated!.DeepClone();
                    }
                    else
                    {
                        plan.Add(updated!.DeepClone());
                    }
                }
            }
        }

        if (!JsonNode.DeepEquals(snapshot["plan_state"], new JsonArray(plan.ToArray())))
        {
            fail("/plan_state", "differs from the latest plan with its later deltas applied.");
        }
    }

    private static void CheckToolUsage(JsonObject snapshot, List<JsonObject> upTo, Action<string, string> fail)
    {
        var toolOfCall = new Dictionary<string, string>(StringComparer.Ordinal);
        var expected = new SortedDictionary<string, (long Calls, long Failures)>(StringComparer.Ordinal);
        foreach (var evt in upTo)
        {
            var payload = evt["payload"];
            if (Kind(evt) == "act")
            {
                var tool = (string)payload!["tool_name"]!;
                toolOfCall[(string)payload["call_id"]!] = tool;
                expected[tool] = expected.TryGetValue(tool, out var was) ? (was.Calls + 1, was.Failures) : (1, 0);
            }
            else if (Kind(evt) == "observe" && (string)payload!["status"]! is not ("ok" or "empty")
                && toolOfCall.TryGetValue((string)payload["call_id"]!, out var failedTool))
            {
                var was = expected[failedTool];
                expected[failedTool] = (was.Calls, was.Failures + 1);
            }
        }

        var actual = ((JsonArray)snapshot["tool_usage"]!).ToDictionary(u => (string)u!["tool_name"]!, u => (Long(u!["calls"]), Long(u!["failures"])), StringComparer.Ordinal);
        foreach (var (tool, counts) in expected)
        {
            if (!actual.TryGetValue(tool, out var got) || got != counts)
            {
                fail("/tool_usage", $"{tool}: expected {counts.Calls} call(s) and {counts.Failures} failure(s) from the log, found {(actual.ContainsKey(tool) ? $"{got.Item1} and {got.Item2}" : "no entry")}.");
            }
        }

        foreach (var extra in actual.Keys.Except(expected.Keys))
        {
            fail("/tool_usage", $"{extra} was never called in the log.");
        }
    }

    private void CheckFindings(JsonObject snapshot, List<JsonObject> upTo, Action<string, string> fail)
    {
        var eligible = upTo
            .Where(e => Kind(e) == "observe" && (string?)e["payload"]!["status"] == "ok" && e["payload"]!["evidence"] is JsonArray { Count: > 0 })
            .ToList();
        var findings = (JsonArray)snapshot["findings"]!;
        var expectedIds = eligible.Skip(eligible.Count - findings.Count).Select(e => "F-" + Long(e["seq"]).ToString(CultureInfo.InvariantCulture)).ToList();
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i]!;
            var id = (string)finding["finding_id"]!;
            if (i >= expectedIds.Count || id != expectedIds[i])
            {
                fail($"/findings/{i}", $"is {id}; the findings must be the newest {findings.Count} successful observations with evidence, in order ({string.Join(", ", expectedIds.Take(3))}…).");
                continue;
            }

            var source = eligible.Single(e => "F-" + Long(e["seq"]).ToString(CultureInfo.InvariantCulture) == id);
            var cited = new JsonArray(((JsonArray)source["payload"]!["evidence"]!).Take(100).Select(p => p!.DeepClone()).ToArray());
            if (!JsonNode.DeepEquals(finding["evidence"], cited))
            {
                fail($"/findings/{i}/evidence", $"differs from the evidence observation seq {source["seq"]} cites.");
            }

            var pointers = (JsonArray)finding["evidence"]!;
            for (var p = 0; p < pointers.Count; p++)
            {
                CheckPointer(pointers[p]!, $"/findings/{i}/evidence/{p}", fail);
            }
        }
    }

    private void CheckPointer(JsonNode pointer, string where, Action<string, string> fail)
    {
        var key = ((string)pointer["evidence_id"]!, (string)pointer["chunk_id"]!);
        var start = Long(pointer["span"]!["start"]);
        var end = Long(pointer["span"]!["end"]);
        if (!_chunkLengths.TryGetValue(key, out var length))
        {
            fail(where, $"names {key.Item1} {key.Item2}, which no stored evidence chunk of the run holds.");
        }
        else if (start < 0 || start > end || end > length)
        {
            fail(where + "/span", $"{start}..{end} is not within the chunk's {length} characters.");
        }
    }

    private static void CheckDecisionsAndQuestions(JsonObject snapshot, List<JsonObject> upTo, Action<string, string> fail)
    {
        var decisions = (JsonArray)snapshot["decisions"]!;
        for (var i = 0; i < decisions.Count; i++)
        {
            var id = (string)decisions[i]!["decision_id"]!;
            var seq = id.StartsWith("D-", StringComparison.Ordinal) && long.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var source = seq >= 1 && seq <= upTo.Count ? upTo[(int)seq - 1] : null;
            var explains = source is not null
                && ((Kind(source) == "plan" && source["payload"]!["chosen_override"] is not null)
                    || (Kind(source) == "plan_delta" && !string.IsNullOrWhiteSpace((string?)source["payload"]!["note"])));
            if (!explains)
            {
                fail($"/decisions/{i}", $"{id} names no covered plan that chose an override nor a delta with a note.");
            }
        }

        var said = upTo.Where(e => Kind(e) == "observe" && (string)e["payload"]!["status"]! != "ok")
            .SelectMany(e => new[] { (string?)e["payload"]!["summary"], (string?)e["payload"]!["zero_result_guidance"]?["message"] })
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => Clip(s!))
            .ToList();
        var questions = (JsonArray)snapshot["open_questions"]!;
        for (var i = 0; i < questions.Count; i++)
        {
            var question = (string)questions[i]!;
            if (!said.Any(s => question.Contains(s, StringComparison.Ordinal)) && !question.Contains("failed: no detail given", StringComparison.Ordinal))
            {
                fail($"/open_questions/{i}", "repeats nothing a failed or empty observation said.");
            }
        }
    }

    /// <summary>
    /// <c>run_totals</c>, when the snapshot has them (they are optional: snapshots written before them have none), are
    /// counts over the whole log up to the snapshot's end: acts, token usage and its token sums, repairs, guardrail
    /// events, the largest counted step, and per tool the seq of its latest successful observation of a known call.
    /// </summary>
    private static void CheckRunTotals(JsonObject snapshot, List<JsonObject> upTo, Action<string, string> fail)
    {
        if (snapshot["run_totals"] is not JsonObject totals)
        {
            return;
        }

        var usage = upTo.Where(e => Kind(e) == "token_usage").ToList();
        var expected = new (string Member, long Value)[]
        {
            ("acts", upTo.Count(e => Kind(e) == "act")),
            ("model_calls", usage.Count),
            ("input_tokens", usage.Sum(e => Long(e["payload"]!["input_tokens"]))),
            ("output_tokens", usage.Sum(e => Long(e["payload"]!["output_tokens"]))),
            ("repair_attempts", upTo.Count(e => Kind(e) == "repair_attempted")),
            ("guardrail_events", upTo.Count(e => Kind(e) == "guardrail_triggered")),
            ("last_counted_step_id", upTo.Where(e => CountedKinds.Contains(Kind(e))).Select(e => Long(e["step_id"])).DefaultIfEmpty(0).Max()),
        };
        foreach (var (member, value) in expected)
        {
            if (Long(totals[member]) != value)
            {
                fail("/run_totals/" + member, $"is {totals[member]}, the log up to the snapshot's end gives {value}.");
            }
        }

        var toolOfCall = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastOk = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var evt in upTo)
        {
            var payload = evt["payload"]!;
            if (Kind(evt) == "act")
            {
                toolOfCall[(string)payload["call_id"]!] = (string)payload["tool_name"]!;
            }
            else if (Kind(evt) == "observe" && (string?)payload["status"] == "ok" && toolOfCall.TryGetValue((string)payload["call_id"]!, out var tool))
            {
                lastOk[tool] = Long(evt["seq"]);
            }
        }

        var expectedOk = new JsonArray(lastOk.Select(e => (JsonNode)new JsonObject { ["tool_name"] = e.Key, ["seq"] = e.Value }).ToArray());
        if (!JsonNode.DeepEquals(totals["last_ok_observations"], expectedOk))
        {
            fail("/run_totals/last_ok_observations", $"is {totals["last_ok_observations"]?.ToJsonString()}, the log gives {expectedOk.ToJsonString()}.");
        }
    }

    /// <summary>Long texts are cut in the snapshot; compare on a prefix short enough to survive the cut.</summary>
    private static string Clip(string text) => text.Length <= 200 ? text : text[..200];

    private static string Kind(JsonObject evt) => (string)evt["kind"]!;

    /// <summary>Any JSON integer, whether parsed from the log or set by a test.</summary>
    private static long Long(JsonNode? node) => long.Parse(node!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Chunk lengths from the run's artifact rows, decoding the bytes (not trusting the recorded length).</summary>
    public static Dictionary<(string, string), int> ChunkLengths(IEnumerable<(byte[] Metadata, byte[] Content)> artifacts)
    {
        var lengths = new Dictionary<(string, string), int>();
        foreach (var (metadata, content) in artifacts)
        {
            var meta = JsonNode.Parse(metadata) as JsonObject;
            if ((string?)meta?["kind"] == "evidence_chunk")
            {
                lengths[((string)meta["evidence_id"]!, (string)meta["chunk_id"]!)] = Encoding.UTF8.GetString(content).Length;
            }
        }

        return lengths;
    }
}
