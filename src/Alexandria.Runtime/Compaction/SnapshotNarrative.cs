using System;
using System.Linq;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// The snapshot's narrative: rendered only from the manifest's <c>snapshot_narrative</c> template
/// through its generated accessor, over the snapshot's own fields — never by a model.
/// </summary>
public static class SnapshotNarrative
{
    /// <summary>Prompt-manifest id of the template (<c>snapshot_narrative</c>).</summary>
    public static string TemplateId => SnapshotNarrativePrompt.Id;

    /// <summary>The narrative <paramref name="snapshot"/> must carry: its template rendering.</summary>
    public static string Render(CompactionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return SnapshotNarrativePrompt.Render(
            objective: snapshot.Objective,
            coveredSeqFirst: snapshot.CoveredSeq.First,
            coveredSeqLast: snapshot.CoveredSeq.Last,
            coveredStepsFirst: snapshot.CoveredSteps.First,
            coveredStepsLast: snapshot.CoveredSteps.Last,
            countedEvents: snapshot.CountedEvents,
            stepsDone: snapshot.PlanState.Count(s => s.Status == PlanStepStatus.Done),
            stepsTotal: snapshot.PlanState.Count,
            findingsCount: snapshot.Findings.Count,
            decisionsCount: snapshot.Decisions.Count,
            activeOverride: snapshot.LoopDetection.ActiveOverride is { } active ? ContractJson.Name(active) : "none",
            openQuestions: snapshot.OpenQuestions).Text;
    }

    /// <summary><paramref name="snapshot"/> with its narrative and template id set.</summary>
    public static CompactionSnapshot Attach(CompactionSnapshot snapshot)
        => snapshot with { Narrative = Render(snapshot), NarrativeTemplateId = TemplateId };
}
