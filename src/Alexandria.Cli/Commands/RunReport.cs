using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Scenarios;

namespace Alexandria.Cli.Commands;

/// <summary>A compaction attempt and the scenario step that triggered it.</summary>
internal sealed record StepCompaction(long Step, CompactionOutcome Outcome);

/// <summary>What <c>alexandria run</c> reports once the scenario has played.</summary>
/// <param name="Store">The store, described for people.</param>
/// <param name="ReplayHint">Extra arguments for the <c>alexandria replay</c> hint (the store when not the default).</param>
internal sealed record RunSummary(string Scenario, string Store, string ReplayHint, ScenarioRunResult Result, IReadOnlyList<StepCompaction> Compactions);

/// <summary>Renders a <see cref="RunSummary"/> as tables, plain lines or the JSON document; returns the exit code.</summary>
internal static class RunReport
{
    public static int Write(CliOutput output, RunSummary summary)
    {
        var result = summary.Result;
        var written = result.Compactions.Count(c => c.Written);
        var rejected = result.Compactions.Count - written;
        var exitCode = rejected == 0 ? 0 : 1;
        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(
                new RunDocument(result.RunId, summary.Scenario, summary.Store, result.LastSeq, result.CountedEvents, written, rejected,
                    result.ArtifactsRecorded, result.LoopSignals, summary.Compactions.Select(Entry).ToList()),
                CliJsonContext.Default.RunDocument);
            return exitCode;
        }

        var compactions = new ReportTable("Compactions", "step", "trigger", "covered seq", "covered steps", "counted", "result");
        foreach (var (step, outcome) in summary.Compactions)
        {
            compactions.AddRow(
                step.ToString(CultureInfo.InvariantCulture),
                ContractNames.Of(outcome.Trigger),
                outcome.Snapshot is { } s ? $"{s.CoveredSeq.First}..{s.CoveredSeq.Last}" : "-",
                outcome.Snapshot is { } t ? $"{t.CoveredSteps.First}..{t.CoveredSteps.Last}" : "-",
                outcome.Snapshot?.CountedEvents.ToString(CultureInfo.InvariantCulture) ?? "-",
                outcome.Written ? new ReportCell("written", "green") : new ReportCell("rejected: " + string.Join("; ", outcome.Verdict.Violations), "red"));
        }

        output.Write(compactions);
        output.Write(new ReportTable("Run", "run", "events", "counted", "snapshots", "rejected", "artifacts", "loop signals").AddRow(
            result.RunId,
            result.LastSeq.ToString(CultureInfo.InvariantCulture),
            result.CountedEvents.ToString(CultureInfo.InvariantCulture),
            written.ToString(CultureInfo.InvariantCulture),
            rejected.ToString(CultureInfo.InvariantCulture),
            result.ArtifactsRecorded.ToString(CultureInfo.InvariantCulture),
            result.LoopSignals.ToString(CultureInfo.InvariantCulture)));
        output.Note($"Verify with: alexandria replay {result.RunId}{summary.ReplayHint}");
        return exitCode;
    }

    private static RunCompaction Entry(StepCompaction compaction)
    {
        var (step, outcome) = compaction;
        var snapshot = outcome.Snapshot;
        return new RunCompaction(
            step,
            ContractNames.Of(outcome.Trigger),
            outcome.Written,
            snapshot?.SnapshotId,
            snapshot is null ? null : new SeqRange(snapshot.CoveredSeq.First, snapshot.CoveredSeq.Last),
            snapshot is null ? null : new SeqRange(snapshot.CoveredSteps.First, snapshot.CoveredSteps.Last),
            snapshot?.CountedEvents,
            outcome.Verdict.Violations);
    }
}
