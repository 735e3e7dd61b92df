using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Research;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The <see cref="RunHistory"/> of a run that has a snapshot, at a cost that does not grow with the run: the latest
/// snapshot's <c>run_totals</c> carry the whole-run counters, the session's in-memory tail adds what came after, and the
/// log is read only where the snapshot says nothing — backward from its end to the last plan (and, while a loop override
/// may still be in force, to the loop outcome it answered), forward from seq 1 to the first plan (which states the
/// objective), and at the latest successful <c>answer</c> observation the totals point to. In an agent run each of these
/// is within a step or two, so resuming a run of 100,000 events reads what resuming one of 1,000 does.
/// </summary>
internal static class SnapshotTailHistory
{
    private const int HeadPage = 32;

    /// <summary>
    /// The history from the snapshot and the tail; null when the snapshot carries no <c>run_totals</c> (written before
    /// they existed) or the log is not shaped as the agent loop writes it, so the caller reads the whole log instead.
    /// </summary>
    public static async Task<RunHistory?> ReadAsync(RunSession session, string? objective, CancellationToken cancellationToken)
    {
        if (session.Latest is not { RunTotals: { } totals } snapshot)
        {
            return null;
        }

        var tail = session.EventsSinceSnapshot;
        var scan = new BackwardScan();
        for (var i = tail.Count - 1; i >= 0 && !scan.Settled; i--)
        {
            scan.Take(tail[i]);
        }

        var before = new List<RunEvent>();
        if (!scan.Settled)
        {
            await foreach (var evt in session.Log.ReadBackwardAsync(session.RunId, snapshot.CoveredSeq.Last, cancellationToken).ConfigureAwait(false))
            {
                scan.Take(evt);
                before.Add(evt);
                if (scan.Settled)
                {
                    break;
                }
            }

            scan.EndIfUnsettled();
        }

        before.Reverse();
        var read = before.Count == 0 ? tail : before.Concat(tail).ToList();
        var answer = RunHistory.ReadAnswer(read);
        if (answer is null && totals.LastOkObservations.FirstOrDefault(o => o.ToolName == AnswerTool.ToolName) is { } ok)
        {
            // An answer observed inside what was read but not found there has its act outside it: not the loop's shape.
            if ((read.Count > 0 && ok.Seq >= read[0].Seq) || await AnswerAtAsync(session, ok.Seq, cancellationToken).ConfigureAwait(false) is not { } earlier)
            {
                return null;
            }

            answer = earlier;
        }

        var lastPlan = scan.LastPlan;
        var afterPlan = lastPlan is null ? read : read.SkipWhile(e => e != lastPlan).Skip(1).ToList();
        var notices = RunHistory.Notices(afterPlan);
        var tailUsage = tail.OfType<TokenUsageEvent>().ToList();
        return new RunHistory(
            await FirstObjectiveAsync(session, read, cancellationToken).ConfigureAwait(false) ?? objective ?? throw RunHistory.NoObjective(session.RunId),
            lastPlan?.Payload,
            lastPlan is null ? null : RunHistory.ReadTail(lastPlan, afterPlan),
            tail.Where(e => e.IsCounted).Select(e => e.StepId).Append(totals.LastCountedStepId).Max(),
            checked((int)(totals.Acts + tail.OfType<ActEvent>().Count())),
            checked((int)(totals.ModelCalls + tailUsage.Count)),
            totals.InputTokens + tailUsage.Sum(u => u.Payload.InputTokens),
            totals.OutputTokens + tailUsage.Sum(u => u.Payload.OutputTokens),
            checked((int)(totals.RepairAttempts + tail.OfType<RepairAttemptedEvent>().Count())),
            checked((int)(totals.GuardrailEvents + tail.OfType<GuardrailTriggeredEvent>().Count())),
            notices,
            notices.OfType<LoopDetectedOutcome>().LastOrDefault(),
            scan.Active,
            answer);
    }

    /// <summary>The objective the run's first plan stated, read from seq 1 (or from <paramref name="read"/> when it starts there).</summary>
    private static async Task<string?> FirstObjectiveAsync(RunSession session, IReadOnlyList<RunEvent> read, CancellationToken cancellationToken)
    {
        if (read.Count > 0 && read[0].Seq == 1)
        {
            return FirstObjective(read);
        }

        for (long from = 1; ; from += HeadPage)
        {
            var page = await session.Log.ReadAsync(session.RunId, from, HeadPage, cancellationToken).ConfigureAwait(false);
            if (FirstObjective(page.Select(e => e.Event)) is { } found)
            {
                return found;
            }

            if (page.Count < HeadPage)
            {
                return null;
            }
        }
    }

    private static string? FirstObjective(IEnumerable<RunEvent> events)
        => events.OfType<PlanEvent>().Select(p => p.Payload.Objective).FirstOrDefault(o => !string.IsNullOrEmpty(o));

    /// <summary>The answer observed ok at <paramref name="observeSeq"/>, with its act read backward from there (the same step).</summary>
    private static async Task<FinalAnswer?> AnswerAtAsync(RunSession session, long observeSeq, CancellationToken cancellationToken)
    {
        ObservePayload? observe = null;
        await foreach (var evt in session.Log.ReadBackwardAsync(session.RunId, observeSeq, cancellationToken).ConfigureAwait(false))
        {
            if (observe is null)
            {
                if (evt is not ObserveEvent { Payload: { Status: ObserveStatus.Ok } ok })
                {
                    return null;
                }

                observe = ok;
            }
            else if (evt is ActEvent { Payload: var act } && act.CallId == observe.CallId)
            {
                return act.ToolName == AnswerTool.ToolName && act.Arguments.TryGetProperty("answer", out var text)
                    ? new FinalAnswer(text.GetString()!, observe.Evidence, evt.StepId)
                    : null;
            }
        }

        return null;
    }
}
