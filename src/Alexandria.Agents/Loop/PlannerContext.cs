using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Agents.Json;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;

namespace Alexandria.Agents.Loop;

/// <summary>
/// What the planner sees (DOMAIN §4a): the latest compaction snapshot and the counted events written since it —
/// never the whole log — plus the guardrail notices of the last step, each as canonical JSON so the same state
/// renders to the same bytes. <c>Render</c> is the one rendering, used by the loop (from the session's
/// in-memory tail) and by <c>inspect</c> (from the log), so both give the same request.
/// </summary>
/// <remarks>
/// An instance belongs to one run: it keeps the canonical text of each event and of the latest snapshot, so a step
/// canonicalizes only what was written since the previous one instead of the whole tail again — and it does so from the
/// bytes the session lends (what the log returned, or the event serialized into a reused buffer), not through a
/// <c>JsonDocument</c>: the text is the same as <see cref="AgentJson.Canonical{T}(T)"/> of the typed value.
/// </remarks>
internal sealed class PlannerContext
{
    private readonly Dictionary<long, string> _events = new();
    private Guid? _snapshotId;
    private string _snapshot = "{}";

    /// <summary>The planner's request for the session's current state.</summary>
    public RenderedPrompt Render(RunSession session, string toolCatalog, string objective, IReadOnlyList<GuardrailOutcome> notices)
    {
        if (session.Latest?.SnapshotId != _snapshotId)
        {
            // The window moved past what the new snapshot covers: those events are never rendered again.
            _snapshotId = session.Latest?.SnapshotId;
            _snapshot = session.Latest is null ? "{}" : CanonicalJson.ToTextWithout(session.LatestJson, RunTotalsMember);
            var first = session.EventsSinceSnapshot.Count > 0 ? session.EventsSinceSnapshot[0].Seq : long.MaxValue;
            foreach (var seq in _events.Keys.Where(s => s < first).ToList())
            {
                _events.Remove(seq);
            }
        }

        var window = session.EventsSinceSnapshot;
        var counted = new List<string>(session.CountedEventsSinceSnapshot);
        for (var i = 0; i < window.Count; i++)
        {
            if (window[i].IsCounted)
            {
                counted.Add(CanonicalOf(session, i));
            }
        }

        return PlannerPrompt.Render(toolCatalog, objective, _snapshot, counted, Notices(notices));
    }

    /// <summary>
    /// The planner's request for <paramref name="latest"/> and the events written after it (<paramref name="sinceSnapshot"/>,
    /// counted and verbose, in seq order) with <paramref name="notices"/> pending — nothing cached.
    /// </summary>
    public static RenderedPrompt Render(
        string toolCatalog, string objective, CompactionSnapshot? latest, IEnumerable<RunEvent> sinceSnapshot, IReadOnlyList<GuardrailOutcome> notices)
        => PlannerPrompt.Render(
            toolCatalog,
            objective,
            latest is null ? "{}" : Snapshot(latest),
            sinceSnapshot.Where(e => e.IsCounted).Select(e => AgentJson.Canonical(e)).ToList(),
            Notices(notices));

    /// <summary>
    /// The snapshot as the planner sees it: its working state, without <c>run_totals</c> — resume bookkeeping (token
    /// counts that change at every compaction), nothing to plan on, and kept out so prompts stay as they were before it.
    /// </summary>
    private static string Snapshot(CompactionSnapshot latest) => AgentJson.Canonical(latest with { RunTotals = null });

    /// <summary>The member <see cref="Snapshot"/> leaves out, by its contract name.</summary>
    private static ReadOnlySpan<byte> RunTotalsMember => "run_totals"u8;

    private static List<string> Notices(IReadOnlyList<GuardrailOutcome> notices)
    {
        var texts = new List<string>(notices.Count);
        foreach (var notice in notices)
        {
            texts.Add(AgentJson.Canonical(notice));
        }

        return texts;
    }

    /// <summary>The canonical text of window event <paramref name="index"/>, made once from its bytes (lent by the session).</summary>
    private string CanonicalOf(RunSession session, int index)
    {
        var seq = session.EventsSinceSnapshot[index].Seq;
        if (!_events.TryGetValue(seq, out var text))
        {
            text = session.UseEventJson(index, static json => CanonicalJson.ToText(json));
            _events[seq] = text;
        }

        return text;
    }
}
