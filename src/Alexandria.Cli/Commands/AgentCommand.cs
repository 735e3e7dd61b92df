using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Providers;
using Alexandria.Agents.Research;
using Alexandria.Cli.Output;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria agent run</c>: the planner/executor loop over a model (a model script, or OpenAI, Anthropic or
/// Ollama with <c>--provider</c>; any <see cref="IChatClient"/> in code), with the research tools over a document
/// folder, live progress and a summary.
/// </summary>
internal static class AgentCommand
{
    // The console of the running invocation (one per process): sized to the terminal, or unbounded when
    // redirected so ids and paths are never wrapped, without colour under NO_COLOR / --no-color.
    private static IAnsiConsole Out { get; set; } = AnsiConsole.Console;

    private static CliOutput Bind(ParseResult parse)
    {
        var output = CliOutput.For(parse, null);
        Out = output.Console;
        return output;
    }

    public static Command Create()
    {
        var agent = new Command("agent", "Run the planner/executor agent loop.");
        agent.Subcommands.Add(CreateRun());
        agent.Subcommands.Add(CreateResume());
        return agent;
    }

    private static Command CreateRun()
    {
        var shared = new AgentRunOptions();
        var objectiveOption = new Option<string?>("--objective") { Description = "What the run must achieve; defaults to the script's objective." };
        var runIdOption = new Option<string?>("--run-id") { Description = "Id of the new run; defaults to 'agent-' and the current UTC time." };
        var command = new Command("run", "Run an objective through the planner/executor loop: validated plans and tool calls, guardrails, handoffs, compactions.")
        {
            objectiveOption, runIdOption,
        };
        shared.AddTo(command);
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(Bind(parse), async () =>
        {
            var (ok, script) = await shared.ReadScriptAsync(parse, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return 2;
            }

            var objective = parse.GetValue(objectiveOption) ?? script?.Objective;
            if (string.IsNullOrWhiteSpace(objective))
            {
                Out.MarkupLine(script is null ? "[red]Give --objective.[/]" : "[red]Give --objective (the script names none).[/]");
                return 2;
            }

            var runId = parse.GetValue(runIdOption) ?? "agent-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            return await ExecuteAsync(parse, shared, script, objective, (runner, progress) => runner.RunAsync(runId, objective, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        }, exitCode: 2));
        return command;
    }

    private static Command CreateResume()
    {
        var shared = new AgentRunOptions();
        var runArgument = new Argument<string>("run") { Description = "The run to continue." };
        var command = new Command("resume", "Continue a run that crashed or stopped at a limit: finish its interrupted step without repeating a completed tool call, then loop on.")
        {
            runArgument,
        };
        shared.AddTo(command);
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(Bind(parse), async () =>
        {
            var (ok, script) = await shared.ReadScriptAsync(parse, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return 2;
            }

            var runId = parse.GetValue(runArgument)!;
            return await ExecuteAsync(parse, shared, script, "(resumed run " + runId + ")", (runner, progress) => runner.ResumeAsync(runId, script?.Objective, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        }, exitCode: 2));
        return command;
    }

    /// <summary>The options <c>agent run</c> and <c>agent resume</c> share: model script, index, store, limits, thresholds.</summary>
    private sealed class AgentRunOptions
    {
        public Option<FileInfo?> Script { get; } = new("--script") { Description = "Model script to play (the scripted provider, the default; format: docs/agents.md)." };

        public Option<string?> Provider { get; } = new("--provider") { Description = "scripted (default, needs --script), openai (or any OpenAI-compatible endpoint), anthropic or ollama. Also Alexandria:Provider:Name in appsettings.json. See docs/providers.md." };

        public Option<string?> Model { get; } = new("--model") { Description = "Model id for openai/anthropic/ollama (e.g. gpt-5.6, claude-sonnet-4-6, llama3.2)." };

        public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Endpoint override (an OpenAI-compatible server, a proxy, a remote Ollama); else OPENAI_BASE_URL / ANTHROPIC_BASE_URL / OLLAMA_HOST." };

        public Option<string?> CacheTtl { get; } = new("--cache-ttl") { Description = "Anthropic prompt-cache TTL of every breakpoint: 5m (default) or 1h." };

        public Option<string?> OpenAiApi { get; } = new("--openai-api") { Description = "OpenAI API: chat (chat completions, the default) or responses (the Responses API, /v1/responses)." };

        public Option<bool> Stream { get; } = new("--stream") { Description = "Stream model replies (SSE / NDJSON) instead of waiting for whole responses." };

        public Option<FileInfo?> ModelTable { get; } = new("--model-table") { Description = "A model table (cache minimums, TTLs, prices) merged over the shipped one." };

        public Option<FileInfo?> Record { get; } = new("--record") { Description = "Write every model turn of this run to a script file, replayable with --script." };

        public Option<DirectoryInfo> Index { get; } = new("--index")
        {
            Description = "The search and read_chunk tools' index: a folder of .md/.txt documents (indexed in memory) or a directory 'alexandria index build' wrote.",
            DefaultValueFactory = _ => new DirectoryInfo("samples/research-docs"),
        };

        public Option<int> EventThreshold { get; } = new("--event-threshold")
        {
            Description = "EVENT_THRESHOLD: counted events since the last snapshot that trigger a compaction.",
            DefaultValueFactory = _ => CompactionPolicy.Default.EventThreshold,
        };

        public Option<int> StepFallback { get; } = new("--step-fallback")
        {
            Description = "N_STEP_FALLBACK: steps since the last snapshot that trigger a compaction.",
            DefaultValueFactory = _ => CompactionPolicy.Default.StepFallback,
        };

        public Option<int> MaxSteps { get; } = new("--max-steps") { Description = "Most steps.", DefaultValueFactory = _ => AgentLimits.Default.MaxSteps };

        public Option<int> MaxModelCalls { get; } = new("--max-model-calls") { Description = "Most model calls.", DefaultValueFactory = _ => AgentLimits.Default.MaxModelCalls };

        public Option<long> MaxTokens { get; } = new("--max-tokens") { Description = "Most tokens.", DefaultValueFactory = _ => AgentLimits.Default.MaxTokens };

        public Option<int> MaxSeconds { get; } = new("--max-seconds") { Description = "Wall-clock budget in seconds.", DefaultValueFactory = _ => (int)AgentLimits.Default.WallClock.TotalSeconds };

        public Option<int> MaxRepairs { get; } = new("--max-repairs") { Description = "Repair tries per model reply (0-5).", DefaultValueFactory = _ => AgentOptions.Default.MaxRepairs };

        public Option<string[]> Mcp { get; } = new("--mcp")
        {
            Description = "A stdio MCP server whose tools join the run, as one command line: --mcp \"node server.js --root docs\" (repeatable).",
            DefaultValueFactory = _ => Array.Empty<string>(),
        };

        public Option<DirectoryInfo> Store { get; } = StoreLocation.StoreOption();

        public Option<string?> Postgres { get; } = StoreLocation.PostgresOption();

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Script, Provider, Model, BaseUrl, CacheTtl, OpenAiApi, Stream, ModelTable, Record, Index, EventThreshold, StepFallback, MaxSteps, MaxModelCalls, MaxTokens, MaxSeconds, MaxRepairs, Mcp, Store, Postgres })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The provider settings: appsettings.json in the working directory, environment variables, then these flags.</summary>
        public ProviderSettings ReadProvider(ParseResult parse) => ProviderSettings.FromConfiguration(
            ProviderSettings.LoadConfiguration(Directory.GetCurrentDirectory()),
            new ProviderOverrides(parse.GetValue(Provider), parse.GetValue(Model), parse.GetValue(BaseUrl), parse.GetValue(CacheTtl), parse.GetValue(Stream) ? true : null, parse.GetValue(ModelTable)?.FullName, parse.GetValue(OpenAiApi)));

        /// <summary>The model script when the provider is the scripted one (ok = false after an error was printed).</summary>
        public async Task<(bool Ok, ModelScript? Script)> ReadScriptAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            ProviderSettings settings;
            try
            {
                settings = ReadProvider(parse);
            }
            catch (ProviderConfigurationException e)
            {
                Out.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return (false, null);
            }

            if (settings.Provider != ProviderKind.Scripted)
            {
                return (true, null);
            }

            if (parse.GetValue(Script) is not { } file)
            {
                Out.MarkupLine("[red]Give --script (a model script to play) or --provider openai|anthropic|ollama with --model.[/]");
                return (false, null);
            }

            var script = await AgentCommand.ReadScriptAsync(file, cancellationToken).ConfigureAwait(false);
            return (script is not null, script);
        }

        public AgentOptions Read(ParseResult parse, ModelScript? script) => new()
        {
            MaxRepairs = parse.GetValue(MaxRepairs),
            Limits = new AgentLimits
            {
                MaxSteps = parse.GetValue(MaxSteps),
                MaxModelCalls = parse.GetValue(MaxModelCalls),
                MaxTokens = parse.GetValue(MaxTokens),
                WallClock = TimeSpan.FromSeconds(parse.GetValue(MaxSeconds)),
            },
            Session = new RunSessionOptions
            {
                Compaction = new CompactionPolicy { EventThreshold = parse.GetValue(EventThreshold), StepFallback = parse.GetValue(StepFallback) },
                Clock = script?.ClockStart is { } start ? new ScriptedClock(start, script.ClockTick) : TimeProvider.System,
            },
        };
    }

    private static async Task<ModelScript?> ReadScriptAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await ModelScriptFile.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelScriptFormatException or IOException)
        {
            Out.MarkupLineInterpolated($"[red]Cannot read model script:[/] {e.Message}");
            return null;
        }
    }

    private static async Task<int> ExecuteAsync(
        ParseResult parse, AgentRunOptions shared, ModelScript? script, string objective,
        Func<AgentRunner, Action<AgentProgress>, Task<AgentRunResult>> run, CancellationToken cancellationToken)
    {
        var indexFolder = parse.GetValue(shared.Index)!;
        OpenedDocumentIndex opened;
        try
        {
            opened = OpenedDocumentIndex.Open(indexFolder.FullName);
        }
        catch (DocumentIndexException e)
        {
            Out.MarkupLineInterpolated($"[red]{e.Message}[/] (--index)");
            return 2;
        }

        using var ___ = opened;
        var index = opened.Index;

        var options = shared.Read(parse, script);
        var storeDirectory = parse.GetValue(shared.Store)!;
        var postgres = parse.GetValue(shared.Postgres);
        var store = await StoreLocation.OpenAsync(storeDirectory, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = store.ConfigureAwait(false);

        IChatClient model;
        string modelDescription;
        if (script is not null)
        {
            model = new ScriptedChatClient(script);
            modelDescription = $"{script.Turns.Count} scripted model turns";
        }
        else
        {
            var settings = shared.ReadProvider(parse);
            try
            {
                model = ProviderClients.Create(settings, warning => Console.Error.WriteLine("warning: " + warning));
            }
            catch (ProviderConfigurationException e)
            {
                Out.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }

            modelDescription = settings.ToString();
        }

        if (parse.GetValue(shared.Record) is { } record)
        {
            model = new RecordingChatClient(model, record.FullName, objective);
        }

        using var __ = model;
        McpServers mcp;
        try
        {
            mcp = await McpServers.StartAsync(parse.GetValue(shared.Mcp)!, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Out.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }

        await using var mcpServers = mcp.ConfigureAwait(false);
        var tools = AgentRunner.ResearchTools(index, mcp.Tools);
        Out.MarkupLineInterpolated($"Agent: {modelDescription}, {opened.DocumentCount} documents ({opened.ChunkCount} chunks) from {(opened.Prebuilt ? "the index at " : "")}{indexFolder.FullName}, {StoreLocation.Describe(storeDirectory, postgres)}");
        Out.MarkupLineInterpolated($"Objective: {objective}");
        Out.MarkupLineInterpolated($"Tools: {string.Join(", ", tools.Names)}");
        var runner = new AgentRunner(store, model, tools, options);
        var result = await run(runner, Print).ConfigureAwait(false);

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
        Out.Write(new Panel(summary).Header("Agent run"));
        Out.MarkupLineInterpolated($"{result.Message}");

        var resolved = await PrintAnswerAsync(result, index, store, cancellationToken).ConfigureAwait(false);
        Out.MarkupLineInterpolated($"Inspect with: alexandria inspect {result.RunId}{(storeDirectory.Name == StoreLocation.DefaultDirectory ? "" : " --store " + storeDirectory.FullName)}");
        return result.Status == AgentRunStatus.Completed && resolved ? 0 : 1;
    }

    /// <summary>Prints the final answer and what each citation points at; false when a citation does not resolve.</summary>
    private static async Task<bool> PrintAnswerAsync(AgentRunResult result, IDocumentIndex index, Alexandria.Runtime.Storage.IRuntimeStore store, CancellationToken cancellationToken)
    {
        if (result.FinalAnswer is not { } answer)
        {
            Out.MarkupLine("No final answer was submitted.");
            return true;
        }

        var resolver = new EvidenceResolver(store.Artifacts, store.Objects);
        var unresolved = await resolver.FindUnresolvedAsync(result.RunId, answer.Citations.Select((c, i) => ($"citation {i + 1}", c)), cancellationToken).ConfigureAwait(false);
        Out.MarkupLineInterpolated($"[bold]Final answer[/] (step {answer.StepId}): {answer.Text}");
        var n = 0;
        foreach (var citation in answer.Citations)
        {
            n++;
            var chunk = index.Find(citation.EvidenceId, citation.ChunkId);
            var text = chunk is not null && citation.Span.End <= chunk.Text.Length ? chunk.Text[(int)citation.Span.Start..(int)citation.Span.End] : "(not in the index)";
            Out.MarkupLineInterpolated($"  [[{n}]] {citation.EvidenceId}#{citation.ChunkId} {citation.Span.Start}-{citation.Span.End}: \"{text}\"");
        }

        if (unresolved.Count == 0)
        {
            Out.MarkupLineInterpolated($"[green]All {answer.Citations.Count} citations resolve to evidence recorded in the run.[/]");
        }
        else
        {
            Out.MarkupLineInterpolated($"[red]Unresolved citations:[/] {string.Join("; ", unresolved)}");
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
        Out.MarkupLineInterpolated(
            $"step {progress.StepId,3} [{colour}]{progress.What,-10}[/] {progress.Detail} [grey]· calls {progress.Usage.ModelCalls} · tokens {progress.Usage.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)} · repairs {progress.Usage.Repairs} · compactions {progress.Compactions} · seq {progress.LastSeq}[/]");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
