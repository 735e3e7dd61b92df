using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;
using Alexandria.Runtime.Events;

namespace Alexandria.Agents.Loop;

/// <summary>
/// What the planner sees (DOMAIN §4a): the latest compaction snapshot and the counted events written since it —
/// read back from the log, never the whole log — plus the guardrail notices of the last step, each as canonical
/// JSON so the same state renders to the same bytes.
/// </summary>
internal static class PlannerContext
{
    public static async Task<RenderedPrompt> RenderAsync(
        RunSession session, string toolCatalog, string objective, IReadOnlyList<GuardrailOutcome> notices, CancellationToken cancellationToken)
    {
        var snapshot = session.Latest is { } latest ? AgentJson.Canonical(latest) : "{}";
        var from = (session.Latest?.CoveredSeq.Last ?? 0) + 1;
        var recent = new List<string>();
        await foreach (var logged in session.Log.ReadRangeAsync(session.RunId, from, null, cancellationToken).ConfigureAwait(false))
        {
            if (logged.Event.IsCounted)
            {
                recent.Add(AgentJson.Canonical(logged.Event));
            }
        }

        return PlannerPrompt.Render(toolCatalog, objective, snapshot, recent, notices.Select(n => AgentJson.Canonical(n)).ToList());
    }
}
