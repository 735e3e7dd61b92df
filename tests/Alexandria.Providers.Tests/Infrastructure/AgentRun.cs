using System.Collections.Generic;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Research;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alexandria.Providers.Tests.Infrastructure;

/// <summary>Runs the agent loop over a real adapter and a temporary store; reads the run's events back.</summary>
internal static class AgentRun
{
    public static FolderDocumentIndex Documents() => FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
    {
        ["guide/compaction.md"] = "# Compaction\n\nCompaction fires at 18 counted events or 8 steps. The snapshot is full, not a delta.\n\nEvents since the snapshot follow it.",
        ["guide/guardrails.md"] = "# Guardrails\n\nTool results are capped with pagination metadata. An empty result carries zero-result guidance.",
        ["guide/storage.md"] = "# Storage\n\nEvents are append-only. Snapshots move a latest pointer in the same transaction.",
    });

    public static Task<AgentRunResult> RunAsync(TemporaryStore store, IChatClient model, AgentOptions options, string objective = "Explain when compaction fires.", string runId = "run-1")
        => new AgentRunner(store.Store, model, AgentRunner.ResearchTools(Documents()), options).RunAsync(runId, objective);

    public static async Task<IReadOnlyList<RunEvent>> EventsAsync(TemporaryStore store, string runId = "run-1")
    {
        var log = new TypedEventLog(store.Store.Events, store.Store.Objects);
        var events = new List<RunEvent>();
        await foreach (var logged in log.ReadRangeAsync(runId))
        {
            events.Add(logged.Event);
        }

        return events;
    }
}
