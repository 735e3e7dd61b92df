using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Agents.Json;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;

namespace Alexandria.Agents.Loop;

/// <summary>One message of a request, as sent: its role (<c>system</c>, <c>user</c>, <c>assistant</c>) and text.</summary>
public sealed record ConversationMessage(string Role, string Text);

/// <summary>
/// One model turn of a step, rebuilt from the log: the request's messages, the reply the runtime accepted, and the
/// check of the rebuilt request against the <c>prefix_sha256</c> its <c>token_usage</c> event recorded.
/// </summary>
/// <param name="Prompt">The manifest prompt: <c>planner</c> or <c>executor</c>.</param>
/// <param name="TokenUsageSeq">Seq of the turn's first <c>token_usage</c> event (the request was built just before it).</param>
/// <param name="Messages">The first request's messages, in order.</param>
/// <param name="Repairs">The errors each repair request sent back, in order (see <see cref="StepConversation"/> on what is not rebuilt).</param>
/// <param name="Reply">The reply the runtime accepted, as the validated value the log holds (canonical JSON), or null when none was.</param>
/// <param name="RecordedPrefixSha256">The prefix hash the turn's <c>token_usage</c> event recorded.</param>
/// <param name="RebuiltPrefixSha256">The prefix hash of the rebuilt request.</param>
public sealed record ModelTurn(
    string Prompt,
    long TokenUsageSeq,
    IReadOnlyList<ConversationMessage> Messages,
    IReadOnlyList<IReadOnlyList<string>> Repairs,
    string? Reply,
    string? RecordedPrefixSha256,
    string RebuiltPrefixSha256)
{
    /// <summary>True when the rebuilt request's prefix hash is the one recorded at request time.</summary>
    public bool PrefixMatches => string.Equals(RecordedPrefixSha256, RebuiltPrefixSha256, StringComparison.Ordinal);
}

/// <summary>
/// The conversation the model saw in step <see cref="Step"/> of a run, rebuilt deterministically from the log through
/// the code the runner builds its requests with (<see cref="PlannerContext"/>, <see cref="Executor"/>): the planner's
/// request is the tool catalog, the objective, the latest snapshot as of that moment, the counted events written since
/// and the guardrail notices since the last plan; the executor's is its handoff's objective and scope, the step and
/// the call id. The objective, which no event carries as such, is the candidate from the plans or snapshots whose
/// request matches the recorded hash. Each turn is checked against the <c>prefix_sha256</c> recorded when it was sent (the catalog,
/// objective and snapshot or scope); a mismatch is reported, never hidden — it means the run used other tools or
/// options than the ones given here.
/// </summary>
/// <remarks>
/// The log keeps what the runtime accepted, not the raw reply text: a reply is shown as the validated value (a plan's
/// objective filled in by the runtime), and a repair is shown by the errors it sent back — its exact messages quote the
/// raw rejected reply, which is not stored.
/// </remarks>
public sealed record StepConversation(string RunId, long Step, IReadOnlyList<ModelTurn> Turns)
{
    /// <summary>
    /// Rebuilds step <paramref name="step"/> of a run from its <paramref name="events"/> (the whole log, seq order) and
    /// <paramref name="snapshots"/>, with the <paramref name="tools"/> and <paramref name="options"/> the run used.
    /// </summary>
    /// <exception cref="ArgumentException">The step has no model turn in the log.</exception>
    public static StepConversation Rebuild(string runId, long step, IReadOnlyList<RunEvent> events, IReadOnlyList<CompactionSnapshot> snapshots, ToolRegistry tools, AgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(tools);
        options ??= AgentOptions.Default;
        // The run's objective is no event field: the plans carry one (the model's, when its plan named one) and the
        // snapshots another; each candidate is tried and the recorded prefix hash, which covers the objective, decides.
        var objectives = events.OfType<PlanEvent>().Select(p => p.Payload.Objective)
            .Concat(snapshots.Select(s => (string?)s.Objective))
            .Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).Distinct(StringComparer.Ordinal).DefaultIfEmpty("").ToList();
        var turns = new List<ModelTurn>();
        var repairs = new List<IReadOnlyList<string>>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].StepId != step)
            {
                continue;
            }

            switch (events[i])
            {
                case RepairAttemptedEvent repair:
                    repairs.Add(repair.Payload.Errors.Select(e => $"{e.InstancePointer}: {e.Message}").ToList());
                    break;
                case TokenUsageEvent usage when repairs.Count == 0 || turns.Count == 0 || turns[^1].Prompt != Name(usage.AgentRole):
                    turns.Add(Turn(usage, i));
                    break;
                case PlanEvent or ActEvent when turns.Count > 0:
                    turns[^1] = turns[^1] with { Repairs = repairs.ToList(), Reply = turns[^1].Reply ?? Accepted(events[i]) };
                    repairs.Clear();
                    break;
            }
        }

        if (turns.Count == 0)
        {
            throw new ArgumentException($"Step {step} of run '{runId}' has no model turn in the log.", nameof(step));
        }

        if (repairs.Count > 0)
        {
            turns[^1] = turns[^1] with { Repairs = repairs.ToList() };
        }

        return new StepConversation(runId, step, turns);

        ModelTurn Turn(TokenUsageEvent usage, int index)
        {
            var before = events.Take(index).ToList();
            var prompts = objectives.Select(objective => usage.AgentRole == AgentRole.Executor ? ExecutorRequest(before, usage.StepId, objective) : PlannerRequest(before, objective));
            var prompt = prompts.FirstOrDefault(p => p.PrefixHash == usage.Payload.PrefixSha256) ?? prompts.First();
            return new ModelTurn(
                Name(usage.AgentRole), usage.Seq, new[] { new ConversationMessage("system", prompt.Text) }, Array.Empty<IReadOnlyList<string>>(), null, usage.Payload.PrefixSha256, prompt.PrefixHash);
        }

        Contracts.Prompts.RenderedPrompt PlannerRequest(List<RunEvent> before, string objective)
        {
            var finished = before.OfType<CompactionFinishedEvent>().LastOrDefault();
            var latest = finished is null ? null : snapshots.FirstOrDefault(s => s.SnapshotId == finished.Payload.SnapshotId)
                ?? throw new ArgumentException($"Snapshot {finished.Payload.SnapshotId} (compaction_finished at seq {finished.Seq}) is not in the run's snapshot history.", nameof(snapshots));
            var coveredThrough = latest?.CoveredSeq.Last ?? 0;
            var lastPlan = before.FindLastIndex(e => e is PlanEvent);
            var notices = before.Skip(lastPlan + 1).OfType<GuardrailTriggeredEvent>().Select(g => g.Payload.Outcome).ToList();
            return PlannerContext.Render(tools.Catalog(), objective, latest, before.Where(e => e.Seq > coveredThrough), notices);
        }

        Contracts.Prompts.RenderedPrompt ExecutorRequest(List<RunEvent> before, long stepId, string objective)
        {
            var plan = before.OfType<PlanEvent>().LastOrDefault()
                ?? throw new ArgumentException($"The executor turn of step {stepId} has no plan before it in the log.", nameof(events));
            var allowed = (options.ExecutorTools ?? tools.Names).Where(n => tools.Find(n) is not null).OrderBy(n => n, StringComparer.Ordinal).ToList();
            return Executor.Render(
                tools.Catalog(allowed),
                objective,
                options.ExecutorScope,
                stepId,
                Planner.NextStep(plan.Payload)?.Description ?? "",
                "call-" + stepId.ToString("D4", CultureInfo.InvariantCulture));
        }
    }

    private static string Name(AgentRole role) => AgentJson.Name(role);

    private static string Accepted(RunEvent evt) => evt is PlanEvent plan ? AgentJson.Canonical(plan.Payload) : AgentJson.Canonical(((ActEvent)evt).Payload);
}
