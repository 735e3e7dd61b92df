using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Scenarios;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria run --scenario &lt;file&gt;</c>: plays a scripted scenario into a new run, with live progress and a summary.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenarioOption = new Option<FileInfo>("--scenario")
        {
            Description = "Scenario file to play (format: docs/scenarios.md).",
            Required = true,
        };
        var runIdOption = new Option<string?>("--run-id")
        {
            Description = "Id of the new run; defaults to the scenario name and the current UTC time.",
        };
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
        var wallClockOption = new Option<bool>("--wall-clock")
        {
            Description = "Stamp events with the system clock instead of the scenario's scripted clock.",
        };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();

        var formatOption = OutputOptions.Format();

        var command = new Command("run", "Play a scripted planner/executor scenario into a new run: plan/act/observe, artifacts, compactions.")
        {
            scenarioOption, runIdOption, thresholdOption, fallbackOption, wallClockOption, storeOption, postgresOption, formatOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) =>
        {
            var output = CliOutput.For(parse, formatOption);
            return RuntimeFailures.ReportAsync(output, () => RunAsync(
                output,
                parse.GetValue(scenarioOption)!,
                parse.GetValue(runIdOption),
                new CompactionPolicy { EventThreshold = parse.GetValue(thresholdOption), StepFallback = parse.GetValue(fallbackOption) },
                parse.GetValue(wallClockOption),
                parse.GetValue(storeOption)!,
                parse.GetValue(postgresOption),
                cancellationToken), exitCode: 2);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliOutput output, FileInfo scenarioFile, string? runId, CompactionPolicy policy, bool wallClock, DirectoryInfo store, string? postgres, CancellationToken cancellationToken)
    {
        if (policy.EventThreshold < 1 || policy.StepFallback < 1)
        {
            output.Error($"[red]--event-threshold and --step-fallback must be at least 1.[/]");
            return 2;
        }

        Scenario scenario;
        try
        {
            scenario = await ScenarioReader.ReadAsync(scenarioFile.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ScenarioFormatException or IOException)
        {
            output.Error($"[red]Cannot read scenario {scenarioFile.FullName}:[/] {e.Message}");
            return 2;
        }

        runId ??= scenario.Name + "-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var options = new RunSessionOptions
        {
            Compaction = policy,
            Clock = scenario.Clock is { } clock && !wallClock ? new ScriptedClock(clock.Start, clock.Tick) : TimeProvider.System,
        };

        var runtime = await StoreLocation.OpenAsync(store, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = runtime.ConfigureAwait(false);
        var session = await RunSession.OpenAsync(runtime, runId, options, cancellationToken).ConfigureAwait(false);
        if (session.LastSeq > 0)
        {
            output.Error($"[red]Run {runId} already has {session.LastSeq} events;[/] pass a new --run-id.");
            return 2;
        }

        var where = StoreLocation.Describe(store, postgres);
        output.Note($"Run [bold]{runId}[/]: scenario [bold]{scenario.Name}[/], {scenario.Steps.Count} steps, {where}");
        output.Note($"Compaction: {policy.EventThreshold} counted events or {policy.StepFallback} steps, whichever first.");

        var runner = new ScenarioRunner(session, scenario);
        var compactions = new List<StepCompaction>();
        void Record(ScenarioProgress progress)
        {
            if (progress.Compaction is { } outcome)
            {
                compactions.Add(new StepCompaction(progress.StepId, outcome));
            }
        }

        ScenarioRunResult result;
        if (output.Progress is { } progressConsole)
        {
            ScenarioRunResult? shown = null;
            await progressConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("steps", maxValue: scenario.Steps.Count);
                    shown = await runner.RunAsync(progress =>
                    {
                        task.Increment(1);
                        task.Description = $"step {progress.StepId} · seq {progress.LastSeq} · counted since snapshot {progress.CountedEventsSinceSnapshot} · steps since {progress.StepsSinceSnapshot}";
                        Record(progress);
                    }, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            result = shown!;
        }
        else
        {
            result = await runner.RunAsync(Record, cancellationToken).ConfigureAwait(false);
        }

        var replayHint = store.Name == StoreLocation.DefaultDirectory ? "" : " --store " + store.FullName;
        return RunReport.Write(output, new RunSummary(scenario.Name, where, replayHint, result, compactions));
    }
}
