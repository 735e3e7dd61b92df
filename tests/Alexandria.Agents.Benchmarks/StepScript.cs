using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;

namespace Alexandria.Agents.Benchmarks;

/// <summary>
/// The scripted run both benchmarks play: <see cref="Steps"/> search steps (planner turn + executor turn each, every
/// query different so loop detection stays quiet) and a final planner turn that ends the run. No turn has a delay,
/// an expectation or a malformed reply: the model costs nothing, so what remains is the loop's own work.
/// </summary>
internal static class StepScript
{
    public const int Steps = 6;

    private static readonly string[] Queries = { "compaction", "snapshot", "events", "guidance", "pointer", "template" };

    public static ModelScript Build()
    {
        var turns = new List<ScriptedTurn>();
        for (var step = 1; step <= Steps; step++)
        {
            var query = Queries[(step - 1) % Queries.Length];
            turns.Add(Turn("planner", Plan("Search " + query + ".", "in_progress")));
            turns.Add(Turn("executor", "{\"tool_name\":\"search\",\"arguments\":{\"query\":" + JsonSerializer.Serialize(query) + "},\"call_id\":\"call-" + step.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "\"}"));
        }

        turns.Add(Turn("planner", Plan("Answer the question.", "done")));
        return new ModelScript(null, null, TimeSpan.FromSeconds(1), turns);
    }

    /// <summary>A few short documents for the search tool, in memory (no disk reads inside the measurement).</summary>
    public static FolderDocumentIndex Documents() => FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
    {
        ["guide/compaction.md"] = "# Compaction\n\nCompaction fires at 18 counted events or 8 steps. The snapshot is full, not a delta.\n\nNarratives are rendered from a template, never by a model.",
        ["guide/guardrails.md"] = "# Guardrails\n\nTool results are capped with pagination metadata. An empty result carries zero-result guidance.\n\nLoop detection offers typed overrides.",
        ["guide/storage.md"] = "# Storage\n\nEvents are append-only. Snapshots move a latest pointer in the same transaction.",
    });

    private static ScriptedTurn Turn(string prompt, string reply) => new(prompt, reply, null, null, null, TimeSpan.Zero, null);

    private static string Plan(string description, string status)
        => JsonSerializer.Serialize(new { steps = new[] { new { step_id = 1, description, status } } });
}
