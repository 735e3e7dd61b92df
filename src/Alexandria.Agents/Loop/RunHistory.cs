using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Research;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Agents.Loop;

/// <summary>
/// What a resumed run needs to know, read back from its log: the objective, the counters the budget keeps, the
/// guardrail state the planner must still answer, and how far the last step got (<see cref="StepTail"/>).
/// The log is the only source: nothing a crash could lose is kept anywhere else.
/// </summary>
/// <remarks>
/// Reading it costs the latest snapshot and the tail, whatever the run's length (<see cref="SnapshotTailHistory"/>): the
/// snapshot's <c>run_totals</c> carry the whole-run counters. A run without a snapshot is its tail; a snapshot written
/// before <c>run_totals</c> existed has the whole log read instead (<see cref="FromLog"/>: correct, only slower).
/// </remarks>
internal sealed record RunHistory(
    string Objective,
    PlanPayload? LastPlan,
    StepTail? Tail,
    long LastStepId,
    int Steps,
    int ModelCalls,
    long InputTokens,
    long OutputTokens,
    int Repairs,
    int GuardrailEvents,
    IReadOnlyList<GuardrailOutcome> NoticesSinceLastPlan,
    LoopDetectedOutcome? PendingLoop,
    ActiveOverride? ActiveOverride,
    FinalAnswer? Answer)
{
    public static async Task<RunHistory> ReadAsync(RunSession session, string? objective, CancellationToken cancellationToken)
    {
        if (session.Latest is null)
        {
            // No compaction yet: the session already holds the whole log as its tail.
            return FromLog(session.RunId, session.EventsSinceSnapshot, objective);
        }

        return await SnapshotTailHistory.ReadAsync(session, objective, cancellationToken).ConfigureAwait(false)
            ?? await ReadWholeLogAsync(session, objective, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The history folded from every event of the log, from seq 1.</summary>
    internal static async Task<RunHistory> ReadWholeLogAsync(RunSession session, string? objective, CancellationToken cancellationToken)
    {
        var events = new List<RunEvent>();
        await foreach (var logged in session.Log.ReadRangeAsync(session.RunId, 1, null, cancellationToken).ConfigureAwait(false))
        {
            events.Add(logged.Event);
        }

        return FromLog(session.RunId, events, objective);
    }

    /// <summary>The history of the whole log <paramref name="events"/> (seq 1 to the end, in order).</summary>
    internal static RunHistory FromLog(string runId, IReadOnlyList<RunEvent> events, string? objective)
    {
        var plans = events.OfType<PlanEvent>().ToList();
        // A run stopped before its first plan was written has only the objective the caller gives again.
        objective = plans.Select(p => p.Payload.Objective).FirstOrDefault(o => !string.IsNullOrEmpty(o)) ?? objective
            ?? throw NoObjective(runId);
        var lastPlan = plans.LastOrDefault();
        var afterPlan = lastPlan is null ? events : events.SkipWhile(e => e != lastPlan).Skip(1).ToList();
        var notices = Notices(afterPlan);

        return new RunHistory(
            objective,
            lastPlan?.Payload,
            lastPlan is null ? null : ReadTail(lastPlan, afterPlan),
            events.Where(e => e.IsCounted).Select(e => e.StepId).DefaultIfEmpty(0).Max(),
            events.OfType<ActEvent>().Count(),
            events.OfType<TokenUsageEvent>().Count(),
            events.OfType<TokenUsageEvent>().Sum(e => e.Payload.InputTokens),
            events.OfType<TokenUsageEvent>().Sum(e => e.Payload.OutputTokens),
            events.OfType<RepairAttemptedEvent>().Count(),
            events.Count(e => e is GuardrailTriggeredEvent),
            notices,
            notices.OfType<LoopDetectedOutcome>().LastOrDefault(),
            ReadActive(events),
            ReadAnswer(events));
    }

    internal static ArgumentException NoObjective(string runId)
        => new($"Run '{runId}' stopped before its first plan; resume it with its objective.");

    /// <summary>The guardrail outcomes among <paramref name="afterPlan"/>: what the next plan must still see.</summary>
    internal static List<GuardrailOutcome> Notices(IEnumerable<RunEvent> afterPlan)
        => afterPlan.OfType<GuardrailTriggeredEvent>().Select(g => g.Payload.Outcome).ToList();

    /// <summary>How far the last planned step got; null when it finished (its handoff back was received).</summary>
    internal static StepTail? ReadTail(PlanEvent plan, IReadOnlyList<RunEvent> after)
    {
        var step = plan.StepId;
        var mine = after.Where(e => e.StepId == step).ToList();
        if (mine.OfType<HandoffReceivedEvent>().Any(h => h.AgentRole == AgentRole.Planner))
        {
            return null;
        }

        var act = mine.OfType<ActEvent>().LastOrDefault()?.Payload;
        return new StepTail(
            step,
            plan.Payload,
            act,
            act is not null && mine.OfType<ToolCallStartedEvent>().Any(s => s.Payload.CallId == act.CallId),
            act is not null && mine.OfType<ObserveEvent>().Any(o => o.Payload.CallId == act.CallId));
    }

    /// <summary>The override the last plan chose, still in force unless a call ran after it.</summary>
    private static ActiveOverride? ReadActive(IReadOnlyList<RunEvent> events)
    {
        var plan = events.OfType<PlanEvent>().LastOrDefault(p => p.Payload.ChosenOverride is not null);
        if (plan is null)
        {
            return null;
        }

        var before = events.TakeWhile(e => e != plan).ToList();
        var answered = before.OfType<GuardrailTriggeredEvent>().Select(g => g.Payload.Outcome).OfType<LoopDetectedOutcome>().LastOrDefault();
        var after = events.SkipWhile(e => e != plan).ToList();
        var ran = after.OfType<ObserveEvent>().Any(Ran);
        if (answered is null || ran)
        {
            return null;
        }

        var tool = before.OfType<ActEvent>().LastOrDefault(a => CallHash.Compute(a.Payload.ToolName, a.Payload.Arguments) == answered.CallHash)?.Payload.ToolName ?? "";
        return new ActiveOverride(plan.Payload.ChosenOverride!.Value, tool, answered.CallHash, answered);
    }

    /// <summary>True when the observed call ran (an override did not refuse it): an override is in force only until one does.</summary>
    internal static bool Ran(ObserveEvent observe) => !observe.Payload.Summary.StartsWith("refused:", StringComparison.Ordinal);

    /// <summary>The answer of the latest <c>answer</c> call that was observed ok, or null.</summary>
    internal static FinalAnswer? ReadAnswer(IReadOnlyList<RunEvent> events)
    {
        var answers = events.OfType<ActEvent>().Where(a => a.Payload.ToolName == AnswerTool.ToolName).ToList();
        foreach (var act in Enumerable.Reverse(answers))
        {
            var observe = events.OfType<ObserveEvent>().FirstOrDefault(o => o.Payload.CallId == act.Payload.CallId && o.Payload.Status == ObserveStatus.Ok);
            if (observe is not null && act.Payload.Arguments.TryGetProperty("answer", out var text))
            {
                return new FinalAnswer(text.GetString()!, observe.Payload.Evidence, act.StepId);
            }
        }

        return null;
    }
}

/// <summary>How far an interrupted step got: its plan, its act (if asked for), whether its tool started and was observed.</summary>
internal sealed record StepTail(long StepId, PlanPayload Plan, ActPayload? Act, bool ToolStarted, bool Observed);
