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
        var command = new Command("inspect", "Show a run's events and snapshots.")
        {
            runArgument, fromOption, limitOption, storeOption, postgresOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => InspectAsync(
            parse.GetValue(runArgument)!, parse.GetValue(fromOption), parse.GetValue(limitOption),
            parse.GetValue(storeOption)!, parse.GetValue(postgresOption), cancellationToken));
        return command;
    }

    private static async Task<int> InspectAsync(string runId, long from, int limit, DirectoryInfo store, string? postgres, CancellationToken cancellationToken)
    {
        var runtime = await StoreLocation.OpenAsync(store, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = runtime.ConfigureAwait(false);
        var log = new TypedEventLog(runtime.Events, runtime.Objects);
        var lastSeq = await log.GetLastSeqAsync(runId, cancellationToken).ConfigureAwait(false);
        if (lastSeq == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Run {runId} has no events in the {StoreLocation.Describe(store, postgres)}.[/]");
            return 2;
        }

        var events = await log.ReadAsync(runId, Math.Max(1, from), Math.Max(1, limit), cancellationToken).ConfigureAwait(false);
        var eventTable = new Table()
            .Title($"Events {events.FirstOrDefault()?.Seq ?? 0}..{events.LastOrDefault()?.Seq ?? 0} of {lastSeq}")
            .AddColumns("seq", "step", "role", "kind", "counted", "occurred at", "detail");
        foreach (var logged in events)
        {
            var evt = logged.Event;
            eventTable.AddRow(
                logged.Seq.ToString(CultureInfo.InvariantCulture),
                evt.StepId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(evt.AgentRole.ToString()),
                Markup.Escape(logged.Stored.Kind),
                logged.Stored.Counted ? "[bold]counted[/]" : "[grey]verbose[/]",
                evt.OccurredAt.ToString("u", CultureInfo.InvariantCulture),
                Markup.Escape(Detail(evt)));
        }

        AnsiConsole.Write(eventTable);

        var history = await runtime.Snapshots.GetHistoryAsync(runId, cancellationToken).ConfigureAwait(false);
        var snapshotTable = new Table().Title($"Snapshots ({history.Count})").AddColumns("snapshot", "parent", "covered seq", "covered steps", "counted", "findings", "open questions", "created at");
        foreach (var stored in history)
        {
            var snapshot = StoredDocuments.ReadSnapshot(stored);
            snapshotTable.AddRow(
                stored.SnapshotId.ToString(),
                stored.ParentSnapshotId?.ToString() ?? "-",
                $"{snapshot.CoveredSeq.First}..{snapshot.CoveredSeq.Last}",
                $"{snapshot.CoveredSteps.First}..{snapshot.CoveredSteps.Last}",
                snapshot.CountedEvents.ToString(CultureInfo.InvariantCulture),
                snapshot.Findings.Count.ToString(CultureInfo.InvariantCulture),
                snapshot.OpenQuestions.Count.ToString(CultureInfo.InvariantCulture),
                snapshot.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(snapshotTable);
        if (history.Count > 0)
        {
            var latest = StoredDocuments.ReadSnapshot(history[^1]);
            if (latest.Narrative is { } narrative)
            {
                AnsiConsole.Write(new Panel(Markup.Escape(narrative)).Header("Latest snapshot narrative"));
            }
        }

        return 0;
    }

    private static string Detail(RunEvent evt) => evt switch
    {
        PlanEvent { Payload: var p } => $"{p.Steps.Count} plan steps" + (p.ChosenOverride is { } o ? $", override {o}" : ""),
        ActEvent { Payload: var a } => $"{a.CallId}: {a.ToolName}",
        ObserveEvent { Payload: var o } => $"{o.CallId}: {o.Status}, {o.Evidence.Count} evidence — {Clip(o.Summary)}",
        ToolCallStartedEvent { Payload: var s } => $"{s.CallId}: {s.ToolName} {s.CallHash[..12]}",
        ToolCallChunkEvent { Payload: var c } => $"{c.CallId} chunk {c.ChunkIndex}{(c.IsLast ? " (last)" : "")}",
        CompactionStartedEvent { Payload: var s } => $"{s.Trigger}: {s.CountedEventsSinceSnapshot} counted, {s.StepsSinceSnapshot} steps",
        CompactionFinishedEvent { Payload: var f } => $"{f.SnapshotId} seq {f.CoveredSeq.First}..{f.CoveredSeq.Last}",
        CompactionRejectedEvent { Payload: var r } => $"{r.Reason}: {Clip(string.Join("; ", r.Violations))}",
        _ => "",
    };

    private static string Clip(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
