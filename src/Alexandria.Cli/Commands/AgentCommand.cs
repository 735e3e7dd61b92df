using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria agent run</c>: the planner/executor loop over a model (the scripted client for now; any
/// <see cref="IChatClient"/> in code), with the research tools over a document folder, live progress and a summary.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var agent = new Command("agent", "Run the planner/executor agent loop.");
        agent.Subcommands.Add(CreateRun());
        return agent;
    }

    private static Command CreateRun()
    {
        var objectiveOption = new Option<string?>("--objective") { Description = "What the run must achieve; defaults to the script's objective." };
        var scriptOption = new Option<FileInfo>("--script")
        {
            Description = "Model script to play (the scripted provider; format: docs/agents.md).",
            Required = true,
        };
        var recordOption = new Option<FileInfo?>("--record") { Description = "Write every model turn of this run to a script file, replayable with --script." };
        var indexOption = new Option<DirectoryInfo>("--index")
        {
            Description = "Folder of .md/.txt documents the search and read_chunk tools index.",
            DefaultValueFactory = _ => new DirectoryInfo("samples/research-docs"),
        };
        var runIdOption = new Option<string?>("--run-id") { Description = "Id of the new run; defaults to 'agent-' and the current UTC time." };
        var thresholdOption = new Option<int>("--event-threshold")
        {
            Description = "EVENT_THRESHOLD: counted events since the last snapshot that trigger a compaction.",
            DefaultValueFactory = _ => CompactionPolicy.Default.EventThreshold,
        };
        var fallbackOption = new Option<int>("--step-fallback")
        {
            Description = "N_STEP_FALLBACK: steps since the last snapshot that trigger a compaction.",
            DefaultValueFactory = _ => CompactionPolicy.Default.StepFallback,
        };
        var maxStepsOption = new Option<int>("--max-steps") { Description = "Most steps.", DefaultValueFactory = _ => AgentLimits.Default.MaxSteps };
        var maxCallsOption = new Option<int>("--max-model-calls") { Description = "Most model calls.", DefaultValueFactory = _ => AgentLimits.Default.MaxModelCalls };
        var maxTokensOption = new Option<long>("--max-tokens") { Description = "Most tokens.", DefaultValueFactory = _ => AgentLimits.Default.MaxTokens };
        var wallClockOption = new Option<int>("--max-seconds") { Description = "Wall-clock budget in seconds.", DefaultValueFactory = _ => (int)AgentLimits.Default.WallClock.TotalSeconds };
        var repairsOption = new Option<int>("--max-repairs") { Description = "Repair tries per model reply (0-5).", DefaultValueFactory = _ => AgentOptions.Default.MaxRepairs };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();

        var command = new Command("run", "Run an objective through the planner/executor loop: validated plans and tool calls, guardrails, handoffs, compactions.")
        {
            objectiveOption, scriptOption, recordOption, indexOption, runIdOption, thresholdOption, fallbackOption,
            maxStepsOption, maxCallsOption, maxTokensOption, wallClockOption, repairsOption, storeOption, postgresOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(async () =>
        {
            var script = await ReadScriptAsync(parse.GetValue(scriptOption)!, cancellationToken).ConfigureAwait(false);
            if (script is null)
            {
                return 2;
            }

            var objective = parse.GetValue(objectiveOption) ?? script.Objective;
            if (string.IsNullOrWhiteSpace(objective))
            {
                AnsiConsole.MarkupLine("[red]Give --objective (the script names none).[/]");
                return 2;
            }

            var options = new AgentOptions
            {
                MaxRepairs = parse.GetValue(repairsOption),
                Limits = new AgentLimits
                {
                    MaxSteps = parse.GetValue(maxStepsOption),
                    MaxModelCalls = parse.GetValue(maxCallsOption),
                    MaxTokens = parse.GetValue(maxTokensOption),
                    WallClock = TimeSpan.FromSeconds(parse.GetValue(wallClockOption)),
                },
                Session = new RunSessionOptions
                {
                    Compaction = new CompactionPolicy { EventThreshold = parse.GetValue(thresholdOption), StepFallback = parse.GetValue(fallbackOption) },
                    Clock = script.ClockStart is { } start ? new ScriptedClock(start, script.ClockTick) : TimeProvider.System,
                },
            };
            return await RunAsync(
                objective, script, parse.GetValue(recordOption), parse.GetValue(indexOption)!, parse.GetValue(runIdOption), options,
                parse.GetValue(storeOption)!, parse.GetValue(postgresOption), cancellationToken).ConfigureAwait(false);
        }, exitCode: 2));
        return command;
    }

    private static async Task<ModelScript?> ReadScriptAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await ModelScriptFile.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelScriptFormatException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot read model script:[/] {e.Message}");
            return null;
        }
    }

    private static async Task<int> RunAsync(
        string objective, ModelScript script, FileInfo? record, DirectoryInfo indexFolder, string? runId, AgentOptions options,
        DirectoryInfo storeDirectory, string? postgres, CancellationToken cancellationToken)
    {
        if (!indexFolder.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No document folder at {indexFolder.FullName}[/] (--index).");
            return 2;
        }

        var index = FolderDocumentIndex.Build(indexFolder.FullName);
        runId ??= "agent-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var store = await StoreLocation.OpenAsync(storeDirectory, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);

        IChatClient model = new ScriptedChatClient(script);
        if (record is not null)
        {
            model = new RecordingChatClient(model, record.FullName, objective);
        }

        using var __ = model;
        AnsiConsole.MarkupLineInterpolated($"Agent run [bold]{runId}[/]: {script.Turns.Count} scripted model turns, {index.DocumentCount} documents ({index.ChunkCount} chunks) from {indexFolder.FullName}, {StoreLocation.Describe(storeDirectory, postgres)}");
        AnsiConsole.MarkupLineInterpolated($"Objective: {objective}");
        var runner = new AgentRunner(store, model, AgentRunner.ResearchTools(index), options);
        var result = await runner.RunAsync(runId, objective, Print, cancellationToken).ConfigureAwait(false);

        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("[bold]run[/]", Markup.Escape(result.RunId));
        summary.AddRow("[bold]status[/]", result.Status == AgentRunStatus.Completed ? "[green]Completed[/]" : "[red]" + Markup.Escape(result.Status.ToString()) + "[/]");
        summary.AddRow("[bold]steps[/]", Count(result.Steps));
        summary.AddRow("[bold]model calls[/]", Count(result.Usage.ModelCalls));
        summary.AddRow("[bold]tokens[/]", $"{result.Usage.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)} ({result.Usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture)} in, {result.Usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)} out)");
        summary.AddRow("[bold]repairs[/]", Count(result.Usage.Repairs));
        summary.AddRow("[bold]compactions[/]", $"{Count(result.Compactions.Count(c => c.Written))} written, {Count(result.Compactions.Count(c => !c.Written))} rejected");
        summary.AddRow("[bold]guardrail events[/]", Count(result.GuardrailEvents));
        summary.AddRow("[bold]overrides chosen[/]", Count(result.OverridesChosen));
        summary.AddRow("[bold]calls refused[/]", Count(result.Refusals));
        summary.AddRow("[bold]events[/]", result.LastSeq.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(new Panel(summary).Header("Agent run"));
        AnsiConsole.MarkupLineInterpolated($"{result.Message}");

        var resolved = await PrintAnswerAsync(result, index, store, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLineInterpolated($"Inspect with: alexandria inspect {result.RunId}{(storeDirectory.Name == StoreLocation.DefaultDirectory ? "" : " --store " + storeDirectory.FullName)}");
        return result.Status == AgentRunStatus.Completed && resolved ? 0 : 1;
    }

    /// <summary>Prints the final answer and what each citation points at; false when a citation does not resolve.</summary>
    private static async Task<bool> PrintAnswerAsync(AgentRunResult result, IDocumentIndex index, Alexandria.Runtime.Storage.IRuntimeStore store, CancellationToken cancellationToken)
    {
        if (result.FinalAnswer is not { } answer)
        {
            AnsiConsole.MarkupLine("No final answer was submitted.");
            return true;
        }

        var resolver = new EvidenceResolver(store.Artifacts, store.Objects);
        var unresolved = await resolver.FindUnresolvedAsync(result.RunId, answer.Citations.Select((c, i) => ($"citation {i + 1}", c)), cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLineInterpolated($"[bold]Final answer[/] (step {answer.StepId}): {answer.Text}");
        var n = 0;
        foreach (var citation in answer.Citations)
        {
            n++;
            var chunk = index.Find(citation.EvidenceId, citation.ChunkId);
            var text = chunk is not null && citation.Span.End <= chunk.Text.Length ? chunk.Text[(int)citation.Span.Start..(int)citation.Span.End] : "(not in the index)";
            AnsiConsole.MarkupLineInterpolated($"  [[{n}]] {citation.EvidenceId}#{citation.ChunkId} {citation.Span.Start}-{citation.Span.End}: \"{text}\"");
        }

        if (unresolved.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]All {answer.Citations.Count} citations resolve to evidence recorded in the run.[/]");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Unresolved citations:[/] {string.Join("; ", unresolved)}");
        }
        return unresolved.Count == 0;
    }

    private static void Print(AgentProgress progress)
    {
        var colour = progress.What switch
        {
            "repair" => "yellow",
            "loop" or "refused" => "red",
            "compaction" => "blue",
            _ => "grey",
        };
        AnsiConsole.MarkupLineInterpolated(
            $"step {progress.StepId,3} [{colour}]{progress.What,-10}[/] {progress.Detail} [grey]· calls {progress.Usage.ModelCalls} · tokens {progress.Usage.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)} · repairs {progress.Usage.Repairs} · compactions {progress.Compactions} · seq {progress.LastSeq}[/]");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
