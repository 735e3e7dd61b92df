using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria inspect &lt;run&gt;</c>: tables of a run's events and snapshots.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var runArgument = new Argument<string>("run") { Description = "Id of the run to show." };
        var fromOption = new Option<long>("--from") { Description = "First seq to list.", DefaultValueFactory = _ => 1 };
        var limitOption = new Option<int>("--limit") { Description = "Most events to list.", DefaultValueFactory = _ => 200 };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();
        var serverOption = StoreLocation.ServerOption();
        var command = new Command("inspect", "Show a run's events and snapshots.")
        {
            runArgument, fromOption, limitOption, storeOption, postgresOption, serverOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(async () =>
        {
            var source = await StoreLocation.OpenSourceAsync(parse.GetValue(storeOption)!, parse.GetValue(postgresOption), parse.GetValue(serverOption), cancellationToken).ConfigureAwait(false);
            await using var _ = source.ConfigureAwait(false);
            return await InspectAsync(source, parse.GetValue(runArgument)!, parse.GetValue(fromOption), parse.GetValue(limitOption), cancellationToken).ConfigureAwait(false);
        }, exitCode: 2));
        return command;
    }

    private static async Task<int> InspectAsync(IRunSource source, string runId, long from, int limit, CancellationToken cancellationToken)
    {
        var lastSeq = await source.GetLastSeqAsync(runId, cancellationToken).ConfigureAwait(false);
        if (lastSeq == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Run {runId} has no events in the {source.Description}.[/]");
            return 2;
        }

        var events = await source.ReadEventsAsync(runId, Math.Max(1, from), Math.Max(1, limit), cancellationToken).ConfigureAwait(false);
        var eventTable = new Table()
            .Title($"Events {events.FirstOrDefault()?.Seq ?? 0}..{events.LastOrDefault()?.Seq ?? 0} of {lastSeq}")
            .AddColumns("seq", "step", "role", "kind", "counted", "time (UTC)", "detail");
        foreach (var evt in events)
        {
            eventTable.AddRow(
                evt.Seq.ToString(CultureInfo.InvariantCulture),
                evt.StepId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(ContractNames.Of(evt.AgentRole)),
                Markup.Escape(evt.Kind),
                evt.IsCounted ? "[bold]counted[/]" : "[grey]verbose[/]",
                evt.OccurredAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape(Detail(evt)));
        }

        AnsiConsole.Write(eventTable);

        var history = await source.GetSnapshotsAsync(runId, cancellationToken).ConfigureAwait(false);
        var snapshotTable = new Table().Title($"Snapshots ({history.Count})").AddColumns("snapshot", "parent", "covered seq", "covered steps", "counted", "findings", "open questions", "created at");
        foreach (var snapshot in history)
        {
            snapshotTable.AddRow(
                Short(snapshot.SnapshotId),
                snapshot.ParentSnapshotId is { } parent ? Short(parent) : "-",
                $"{snapshot.CoveredSeq.First}..{snapshot.CoveredSeq.Last}",
                $"{snapshot.CoveredSteps.First}..{snapshot.CoveredSteps.Last}",
                snapshot.CountedEvents.ToString(CultureInfo.InvariantCulture),
                snapshot.Findings.Count.ToString(CultureInfo.InvariantCulture),
                snapshot.OpenQuestions.Count.ToString(CultureInfo.InvariantCulture),
                snapshot.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(snapshotTable);
        if (history.Count > 0 && history[^1].Narrative is { } narrative)
        {
            AnsiConsole.Write(new Panel(Markup.Escape(narrative)).Header("Latest snapshot narrative"));
        }

        return 0;
    }

    private static string Detail(RunEvent evt) => evt switch
    {
        PlanEvent { Payload: var p } => $"{p.Steps.Count} plan steps" + (p.ChosenOverride is { } o ? $", override {ContractNames.Of(o)}" : ""),
        ActEvent { Payload: var a } => $"{a.CallId}: {a.ToolName}",
        ObserveEvent { Payload: var o } => $"{o.CallId}: {ContractNames.Of(o.Status)}, {o.Evidence.Count} evidence" + (o.ResultPointer is { } r ? $", result {r.SizeBytes} bytes in the object store" : ""),
        ToolCallStartedEvent { Payload: var s } => $"{s.CallId}: {s.ToolName} {s.CallHash[..12]}",
        ToolCallChunkEvent { Payload: var c } => $"{c.CallId} chunk {c.ChunkIndex}{(c.IsLast ? " (last)" : "")}",
        CompactionStartedEvent { Payload: var s } => $"{ContractNames.Of(s.Trigger)}: {s.CountedEventsSinceSnapshot} counted, {s.StepsSinceSnapshot} steps",
        CompactionFinishedEvent { Payload: var f } => $"{Short(f.SnapshotId)} seq {f.CoveredSeq.First}..{f.CoveredSeq.Last}",
        CompactionRejectedEvent { Payload: var r } => $"{ContractNames.Of(r.Reason)}: {Clip(string.Join("; ", r.Violations))}",
        TokenUsageEvent { Payload: var t } => $"{t.InputTokens} in, {t.OutputTokens} out, {t.CachedTokens} cached",
        GuardrailTriggeredEvent { Payload: var g } => g.Outcome switch
        {
            LoopDetectedOutcome l => $"loop_detected: {ContractNames.Of(l.Signal)} x{l.Count}",
            ZeroResultOutcome z => $"zero_result: {z.ToolName}",
            _ => g.Outcome.Outcome,
        },
        PlanDeltaEvent { Payload: var d } => $"{d.UpdatedSteps.Count} plan steps updated",
        _ => "",
    };

    private static string Short(Guid id) => id.ToString()[..8];

    private static string Clip(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
