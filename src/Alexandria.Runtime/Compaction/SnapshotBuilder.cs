using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Contracts;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// Folds the events since the parent snapshot into a full <see cref="CompactionSnapshot"/> (DOMAIN §2).
/// Deterministic: the id is a name-based UUID of (run id, covered last seq), <c>created_at</c> is the
/// <c>occurred_at</c> of the last covered event, and every list has a defined order — so rebuilding
/// from the log reproduces the stored bytes.
/// </summary>
/// <remarks>
/// How the working state is derived from events (the contract leaves it to the runtime):
/// <list type="bullet">
/// <item><c>objective</c>: the latest plan that restates it, else the parent's.</item>
/// <item><c>plan_state</c>: the latest plan's steps, with later <c>plan_delta</c> updates applied by step id.</item>
/// <item><c>findings</c>: one per observation with status ok that cites evidence (<c>F-&lt;seq&gt;</c>); the newest 500, fewer when the snapshot would exceed the inline cap (see <see cref="WithinInlineCap"/>).</item>
/// <item><c>decisions</c>: a loop override chosen in a plan, and every plan change a <c>plan_delta</c> explains (<c>D-&lt;seq&gt;</c>); the newest 500 (or fewer, as findings).</item>
/// <item><c>open_questions</c>: an empty or failed call raises one, tagged with its call hash; a later successful identical call settles it; the newest 100 (or fewer, as findings).</item>
/// <item><c>tool_usage</c>: calls per tool (acts) and failures (observations with status error), by tool name.</item>
/// <item><c>loop_detection</c>: the <see cref="LoopDetector"/> fed with the whole log up to the covered last seq.</item>
/// <item><c>run_totals</c>: the parent's totals plus the window's events (see <see cref="RunTotalsFold"/>).</item>
/// </list>
/// </remarks>
public sealed class SnapshotBuilder
{
    private const int MaxFindings = 500;
    private const int MaxDecisions = 500;
    private const int MaxOpenQuestions = 100;
    private const int MaxTextLength = 2000;

    private readonly CompactionPolicy _policy;

    /// <summary>Creates a builder for <paramref name="policy"/>.</summary>
    public SnapshotBuilder(CompactionPolicy policy)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>
    /// Builds the snapshot of <paramref name="window"/>. <paramref name="loop"/> must have been fed
    /// every event of the run through the window's last one.
    /// </summary>
    public CompactionSnapshot Build(CompactionWindow window, LoopDetector loop) => Build(window, loop, json: null);

    /// <summary>
    /// As <see cref="Build(CompactionWindow, LoopDetector)"/>; with <paramref name="json"/>, the size checks serialize into
    /// it, and on return it holds the returned snapshot's bytes (replay compares them without serializing again).
    /// </summary>
    internal CompactionSnapshot Build(CompactionWindow window, LoopDetector loop, ReusableJsonBuffer? json)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(loop);
        var parent = window.Parent;
        var events = window.Events;
        if (events.Count == 0)
        {
            throw new ArgumentException("A snapshot covers at least one event.", nameof(window));
        }

        var objective = parent?.Objective ?? "";
        var plan = new List<PlanStep>(parent?.PlanState ?? Array.Empty<PlanStep>());
        var findings = new List<Finding>(parent?.Findings ?? Array.Empty<Finding>());
        var decisions = new List<Decision>(parent?.Decisions ?? Array.Empty<Decision>());
        var questions = new List<string>(parent?.OpenQuestions ?? Array.Empty<string>());
        var usage = new SortedDictionary<string, (long Calls, long Failures)>(StringComparer.Ordinal);
        foreach (var entry in parent?.ToolUsage ?? Array.Empty<ToolUsageEntry>())
        {
            usage[entry.ToolName] = (entry.Calls, entry.Failures);
        }

        var totals = RunTotalsFold.Continue(parent);
        foreach (var evt in events)
        {
            totals?.Add(evt, loop);
            switch (evt)
            {
                case PlanEvent { Payload: var payload }:
                    if (!string.IsNullOrEmpty(payload.Objective))
                    {
                        objective = payload.Objective;
                    }

                    plan = payload.Steps.ToList();
                    if (payload.ChosenOverride is { } chosen)
                    {
                        decisions.Add(new Decision
                        {
                            DecisionId = "D-" + evt.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            Statement = Clip($"Apply loop override {ContractJson.Name(chosen)} in step {evt.StepId}."),
                            Rationale = "A loop_detected guardrail required the planner to choose one of the allowed overrides.",
                            StepId = evt.StepId,
                        });
                    }

                    break;

                case PlanDeltaEvent { Payload: var delta }:
                    foreach (var updated in delta.UpdatedSteps)
                    {
                        var at = plan.FindIndex(s => s.StepId == updated.StepId);
                        if (at >= 0)
                        {
                            plan[at] = updated;
                        }
                        else
                        {
                            plan.Add(updated);
                        }
                    }

                    if (!string.IsNullOrWhiteSpace(delta.Note))
                    {
                        decisions.Add(new Decision
                        {
                            DecisionId = "D-" + evt.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            Statement = Clip("Change the plan: " + string.Join("; ", delta.UpdatedSteps.Select(s => $"step {s.StepId} {ContractJson.Name(s.Status)}: {s.Description}"))),
                            Rationale = Clip(delta.Note!),
                            StepId = evt.StepId,
                        });
                    }

                    break;

                case ActEvent { Payload: var act }:
                    usage[act.ToolName] = usage.TryGetValue(act.ToolName, out var before) ? (before.Calls + 1, before.Failures) : (1, 0);
                    break;

                case ObserveEvent { Payload: var observe }:
                    Observe(evt, observe, loop, findings, questions, usage);
                    break;
            }
        }

        var first = events[0];
        var last = events[^1];
        var snapshot = new CompactionSnapshot
        {
            SnapshotId = NameBasedUuid.ForSnapshot(window.RunId, last.Seq),
            RunId = window.RunId,
            ParentSnapshotId = parent?.SnapshotId,
            CreatedAt = last.OccurredAt,
            Objective = objective,
            PlanState = plan,
            Findings = TakeLast(findings, MaxFindings),
            Decisions = TakeLast(decisions, MaxDecisions),
            OpenQuestions = TakeLast(questions, MaxOpenQuestions),
            ToolUsage = usage.Select(u => new ToolUsageEntry { ToolName = u.Key, Calls = u.Value.Calls, Failures = u.Value.Failures }).ToList(),
            LoopDetection = new LoopDetectionState
            {
                RecentCallHashes = loop.RecentCallHashes.ToList(),
                ConsecutiveIdenticalCalls = loop.ConsecutiveIdenticalCalls,
                IdenticalActionObservationPairs = loop.IdenticalActionObservationPairs,
                FailingIdenticalActions = loop.FailingIdenticalActions,
                AlternationLength = loop.AlternationLength,
                ActiveOverride = loop.ActiveOverride is { } active ? ContractJson.Parse<LoopOverride>(active) : null,
            },
            CoveredSeq = new SeqRange { First = first.Seq, Last = last.Seq },
            CoveredSteps = new StepRange { First = events.Min(e => e.StepId), Last = events.Max(e => e.StepId) },
            CountedEvents = events.Count(e => e.IsCounted),
            RunTotals = totals?.ToTotals(),
            Narrative = null,
            NarrativeTemplateId = null,
        };

        return WithinInlineCap(snapshot, json);
    }

    /// <summary>
    /// The snapshot is full working state, so findings, decisions and open questions would grow with the run
    /// until the snapshot no longer fits the inline cap and every later compaction is rejected. The oldest of
    /// them leave the snapshot first (a tenth of the longest of the three lists at a time, ties in that order; deterministic, so a replay
    /// drops the same ones); the log and the parent snapshots still hold them. Plan state, tool usage and loop
    /// state are never dropped: a snapshot that is over the cap without any of these lists still fails the gate.
    /// </summary>
    private CompactionSnapshot WithinInlineCap(CompactionSnapshot snapshot, ReusableJsonBuffer? json)
    {
        while (true)
        {
            var finished = _policy.RenderNarrative ? SnapshotNarrative.Attach(snapshot) : snapshot;
            var size = json is null ? ContractJson.Serialize(finished).Length : json.Write(finished).Length;
            if (size <= _policy.InlineBlobCapBytes)
            {
                return finished;
            }
            var longest = Math.Max(snapshot.Findings.Count, Math.Max(snapshot.Decisions.Count, snapshot.OpenQuestions.Count));
            if (longest == 0)
            {
                return finished;
            }
            snapshot = longest == snapshot.Findings.Count ? snapshot with { Findings = DropOldest(snapshot.Findings) }
                : longest == snapshot.Decisions.Count ? snapshot with { Decisions = DropOldest(snapshot.Decisions) }
                : snapshot with { OpenQuestions = DropOldest(snapshot.OpenQuestions) };
        }
    }

    private static List<T> DropOldest<T>(IReadOnlyList<T> items) => items.Skip(Math.Max(1, items.Count / 10)).ToList();

    private static void Observe(
        RunEvent evt,
        ObservePayload observe,
        LoopDetector loop,
        List<Finding> findings,
        List<string> questions,
        SortedDictionary<string, (long Calls, long Failures)> usage)
    {
        var known = loop.TryGetCall(observe.CallId, out var call);
        var status = ContractJson.Name(observe.Status);
        var tag = known ? "[" + call.Hash[..12] + "] " : "[" + observe.CallId + "] ";
        var tool = known ? call.ToolName : "unknown tool";

        switch (status)
        {
            case "ok":
                questions.RemoveAll(q => q.StartsWith(tag, StringComparison.Ordinal));
                if (observe.Evidence.Count > 0)
                {
                    findings.Add(new Finding
                    {
                        FindingId = "F-" + evt.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Statement = Clip(observe.Summary.Length > 0 ? observe.Summary : $"{tool} returned evidence for call {observe.CallId}."),
                        Evidence = observe.Evidence.Take(100).ToList(),
                    });
                }

                break;

            case "empty":
                Ask(questions, Clip(tag + $"{tool} returned no result: " + (observe.ZeroResultGuidance?.Message ?? observe.Summary)));
                break;

            default:
                Ask(questions, Clip(tag + $"{tool} failed: " + (observe.Summary.Length > 0 ? observe.Summary : "no detail given")));
                if (known)
                {
                    usage[tool] = usage.TryGetValue(tool, out var before) ? (before.Calls, before.Failures + 1) : (0, 1);
                }

                break;
        }
    }

    /// <summary>A question asked again (the same call failing the same way) stays one question.</summary>
    private static void Ask(List<string> questions, string question)
    {
        if (!questions.Contains(question, StringComparer.Ordinal))
        {
            questions.Add(question);
        }
    }

    private static List<T> TakeLast<T>(List<T> items, int max) => items.Count <= max ? items : items.GetRange(items.Count - max, max);

    private static string Clip(string text) => text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
}
