using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Providers;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria inspect &lt;run&gt;</c>: a run's events and snapshots, as tables, plain lines or JSON.</summary>
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
        var formatOption = OutputOptions.Format();
        var stepOption = InspectConversation.StepOption();
        var modelTableOption = new Option<FileInfo?>("--model-table") { Description = "A model table (prices per million tokens) merged over the shipped one, for the cost estimate." };
        var command = new Command("inspect", "Show a run's events and snapshots, its tokens, prompt-cache hits and estimated cost per model, or (--step N) the conversation the model saw at a step.")
        {
            runArgument, fromOption, limitOption, storeOption, postgresOption, serverOption, formatOption, modelTableOption, stepOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) =>
        {
            var output = CliOutput.For(parse, formatOption);
            return RuntimeFailures.ReportAsync(output, async () =>
            {
                var source = await StoreLocation.OpenSourceAsync(parse.GetValue(storeOption)!, parse.GetValue(postgresOption), parse.GetValue(serverOption), cancellationToken).ConfigureAwait(false);
                await using var _ = source.ConfigureAwait(false);
                if (parse.GetValue(stepOption) is { } step)
                {
                    return await InspectConversation.ShowAsync(output, source, parse.GetValue(runArgument)!, step, cancellationToken).ConfigureAwait(false);
                }

                ModelTable table;
                try
                {
                    table = ModelTable.Load(parse.GetValue(modelTableOption)?.FullName);
                }
                catch (ProviderConfigurationException e)
                {
                    output.Error($"[red]{e.Message}[/]");
                    return 2;
                }

                return await InspectAsync(output, source, parse.GetValue(runArgument)!, parse.GetValue(fromOption), parse.GetValue(limitOption), table, cancellationToken).ConfigureAwait(false);
            }, exitCode: 2);
        });
        return command;
    }

    private static async Task<int> InspectAsync(CliOutput output, IRunSource source, string runId, long from, int limit, ModelTable table, CancellationToken cancellationToken)
    {
        var lastSeq = await source.GetLastSeqAsync(runId, cancellationToken).ConfigureAwait(false);
        if (lastSeq == 0)
        {
            output.Error($"[red]Run {runId} has no events in the {source.Description}.[/]");
            return 2;
        }

        var events = await source.ReadEventsAsync(runId, Math.Max(1, from), Math.Max(1, limit), cancellationToken).ConfigureAwait(false);
        var history = await source.GetSnapshotsAsync(runId, cancellationToken).ConfigureAwait(false);
        var usage = ModelUsageSummary.Of(await ReadUsageAsync(source, runId, lastSeq, cancellationToken).ConfigureAwait(false), table);
        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(
                new InspectDocument(
                    runId,
                    source.Description,
                    lastSeq,
                    events.Select(e => JsonSerializer.SerializeToElement(e, OutputSchemaJson.Options)).ToList(),
                    history.Select(s => JsonSerializer.SerializeToElement(s, OutputSchemaJson.Options)).ToList(),
                    usage),
                CliJsonContext.Default.InspectDocument);
            return 0;
        }

        var compact = output.Compact;
        var eventTable = new ReportTable(
            $"Events {events.FirstOrDefault()?.Seq ?? 0}..{events.LastOrDefault()?.Seq ?? 0} of {lastSeq}",
            "seq", "step", "role", "kind", "counted", "time (UTC)", "detail");
        foreach (var evt in events)
        {
            eventTable.AddRow(
                evt.Seq.ToString(CultureInfo.InvariantCulture),
                evt.StepId.ToString(CultureInfo.InvariantCulture),
                ContractNames.Of(evt.AgentRole),
                evt.Kind,
                evt.IsCounted ? new ReportCell("counted", "bold") : new ReportCell("verbose", "grey"),
                Time(evt.OccurredAt, compact ? "HH:mm:ss.fff" : null),
                Detail(evt, compact));
        }

        output.Write(eventTable);

        var snapshotTable = new ReportTable($"Snapshots ({history.Count})", "snapshot", "parent", "covered seq", "covered steps", "counted", "findings", "open questions", "created at");
        foreach (var snapshot in history)
        {
            snapshotTable.AddRow(
                Id(snapshot.SnapshotId, compact),
                snapshot.ParentSnapshotId is { } parent ? Id(parent, compact) : "-",
                $"{snapshot.CoveredSeq.First}..{snapshot.CoveredSeq.Last}",
                $"{snapshot.CoveredSteps.First}..{snapshot.CoveredSteps.Last}",
                snapshot.CountedEvents.ToString(CultureInfo.InvariantCulture),
                snapshot.Findings.Count.ToString(CultureInfo.InvariantCulture),
                snapshot.OpenQuestions.Count.ToString(CultureInfo.InvariantCulture),
                Time(snapshot.CreatedAt, compact ? "u" : null));
        }

        output.Write(snapshotTable);
        var usageTable = new ReportTable("Model usage (whole run)", "model", "calls", "input tokens", "cached", "cache writes", "output tokens", "cache-hit calls", "cached share", "est. cost (USD)");
        foreach (var row in usage)
        {
            usageTable.AddRow(
                row.Model,
                row.Calls.ToString(CultureInfo.InvariantCulture),
                row.InputTokens.ToString("N0", CultureInfo.InvariantCulture),
                row.CachedTokens.ToString("N0", CultureInfo.InvariantCulture),
                row.CacheCreationTokens.ToString("N0", CultureInfo.InvariantCulture),
                row.OutputTokens.ToString("N0", CultureInfo.InvariantCulture),
                $"{row.CacheHitCalls}/{row.Calls}",
                row.CachedShare.ToString("P1", CultureInfo.InvariantCulture),
                row.EstimatedCostUsd is { } cost ? cost.ToString("0.0000", CultureInfo.InvariantCulture) : "no price in the model table");
        }

        output.Write(usageTable);
        if (history.Count > 0 && history[^1].Narrative is { } narrative)
        {
            output.WriteText("Latest snapshot narrative", narrative);
        }

        return 0;
    }

    /// <summary>Every token_usage payload of the run (the listing may be a window of it; the totals never are).</summary>
    private static async Task<List<TokenUsagePayload>> ReadUsageAsync(IRunSource source, string runId, long lastSeq, CancellationToken cancellationToken)
    {
        var usage = new List<TokenUsagePayload>();
        for (long next = 1; next <= lastSeq;)
        {
            var page = await source.ReadEventsAsync(runId, next, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            usage.AddRange(page.OfType<TokenUsageEvent>().Select(e => e.Payload));
            next = page[^1].Seq + 1;
        }

        return usage;
    }

    private static string Detail(RunEvent evt, bool compact) => evt switch
    {
        PlanEvent { Payload: var p } => $"{p.Steps.Count} plan steps" + (p.ChosenOverride is { } o ? $", override {ContractNames.Of(o)}" : ""),
        ActEvent { Payload: var a } => $"{a.CallId}: {a.ToolName}",
        ObserveEvent { Payload: var o } => $"{o.CallId}: {ContractNames.Of(o.Status)}, {o.Evidence.Count} evidence" + (o.ResultPointer is { } r ? $", result {r.SizeBytes} bytes in the object store" : ""),
        ToolCallStartedEvent { Payload: var s } => $"{s.CallId}: {s.ToolName} {(compact ? s.CallHash[..12] : s.CallHash)}",
        ToolCallChunkEvent { Payload: var c } => $"{c.CallId} chunk {c.ChunkIndex}{(c.IsLast ? " (last)" : "")}",
        CompactionStartedEvent { Payload: var s } => $"{ContractNames.Of(s.Trigger)}: {s.CountedEventsSinceSnapshot} counted, {s.StepsSinceSnapshot} steps",
        CompactionFinishedEvent { Payload: var f } => $"{Id(f.SnapshotId, compact)} seq {f.CoveredSeq.First}..{f.CoveredSeq.Last}",
        CompactionRejectedEvent { Payload: var r } => $"{ContractNames.Of(r.Reason)}: {Clip(string.Join("; ", r.Violations), compact)}",
        TokenUsageEvent { Payload: var t } => $"{t.InputTokens} in, {t.OutputTokens} out, {t.CachedTokens} cached" + (t.CacheCreationTokens is { } w ? $", {w} written to cache" : ""),
        GuardrailTriggeredEvent { Payload: var g } => g.Outcome switch
        {
            LoopDetectedOutcome l => $"loop_detected: {ContractNames.Of(l.Signal)} x{l.Count}",
            ZeroResultOutcome z => $"zero_result: {z.ToolName}",
            _ => g.Outcome.Outcome,
        },
        PlanDeltaEvent { Payload: var d } => $"{d.UpdatedSteps.Count} plan steps updated",
        _ => "",
    };

    // A terminal table shows the first 8 hex digits of an id (enough to tell snapshots apart) and clips long
    // violation lists; plain and JSON output always carry the full value, for scripts and logs.
    private static string Id(Guid id, bool compact) => compact ? id.ToString()[..8] : id.ToString();

    // Plain output carries full ISO 8601 UTC timestamps, which sort and parse; a table keeps the short human form.
    private static string Time(DateTimeOffset time, string? tableFormat)
        => time.UtcDateTime.ToString(tableFormat ?? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Clip(string text, bool compact) => !compact || text.Length <= 60 ? text : text[..59] + "…";
}
