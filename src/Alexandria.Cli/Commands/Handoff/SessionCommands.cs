using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Contracts;
using Alexandria.Handoff;
using Alexandria.Handoff.Sessions;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>
/// <c>handoff write</c>: the session handoff document from a run's latest snapshot, the packets and git state (template
/// only, no model call); <c>handoff read</c>: a session handoff document back into typed form.
/// </summary>
internal static class SessionCommands
{
    public static Command Write()
    {
        var run = new Option<string?>("--run") { Description = "The run whose latest compaction snapshot supplies objective, decisions, open questions and next actions." };
        var store = StoreLocation.StoreOption();
        var postgres = StoreLocation.PostgresOption();
        var since = new Option<string?>("--since") { Description = "Files touched are those changed since this commit (uncommitted changes always count)." };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the document to this file instead of stdout (never over an existing file)." };
        var repo = HandoffOptions.Repo();
        var command = new Command("write", "Render the session handoff markdown (Identity, Objective, Rehydration Sources, Decisions, Open Questions, Next Actions, Files Touched, Notes, Metadata).");
        foreach (var option in new Option[] { run, store, postgres, since, outFile, repo })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var output = CliOutput.For(result, null);
            SnapshotView? snapshot = null;
            if (result.GetValue(run) is { } runId)
            {
                await using var source = await StoreLocation.OpenSourceAsync(result.GetValue(store)!, result.GetValue(postgres), null, cancellationToken).ConfigureAwait(false);
                var latest = (await source.GetSnapshotsAsync(runId, cancellationToken).ConfigureAwait(false)).LastOrDefault();
                if (latest is null)
                {
                    output.Error($"[red]error:[/] run '{runId}' has no compaction snapshot in the {source.Description}");
                    return HandoffOptions.Error;
                }

                snapshot = View(latest);
            }

            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var markdown = SessionRenderer.Render(new SessionComposer(workspace).Compose(snapshot, result.GetValue(since)));
                if (result.GetValue(outFile) is { } file)
                {
                    using (var stream = new FileStream(file.FullName, FileMode.CreateNew, FileAccess.Write))
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(markdown);
                    }

                    output.Out.WriteLine("Wrote " + file.FullName);
                }
                else
                {
                    output.Out.Write(markdown);
                }

                return HandoffOptions.Ok;
            });
        });
        return command;
    }

    public static Command Read()
    {
        var file = new Argument<FileInfo>("file") { Description = "A session handoff markdown document." };
        var format = OutputOptions.Format();
        var command = new Command("read", "Parse a session handoff document into typed form (json: one document; plain: one line per section with its item count).");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var path = result.GetValue(file)!;
                if (!path.Exists)
                {
                    throw new HandoffException(path.FullName + ": no such file");
                }

                var document = SessionParser.Parse(File.ReadAllText(path.FullName), path.Name);
                if (output.Mode == OutputMode.Json)
                {
                    output.WriteJson(document, HandoffJsonContext.Default.SessionHandoff);
                    return HandoffOptions.Ok;
                }

                output.Out.WriteLine("title\t" + document.Title);
                output.Out.WriteLine("identity\t" + string.Join(", ", document.Identity.Select(f => f.Key + "=" + f.Value)));
                output.Out.WriteLine("objective\t" + document.Objective.Count);
                output.Out.WriteLine("rehydration_sources\t" + document.RehydrationSources.Count);
                output.Out.WriteLine("decisions\t" + document.Decisions.Count);
                output.Out.WriteLine("open_questions\t" + document.OpenQuestions.Count);
                output.Out.WriteLine("next_actions\t" + document.NextActions.Count);
                output.Out.WriteLine("files_touched\t" + document.FilesTouched.Count);
                output.Out.WriteLine("metadata\t" + string.Join(", ", document.Metadata.Select(f => f.Key + "=" + f.Value)));
                return HandoffOptions.Ok;
            });
        });
        return command;
    }

    private static SnapshotView View(CompactionSnapshot snapshot) => new(
        snapshot.RunId,
        snapshot.SnapshotId.ToString(),
        snapshot.Objective,
        snapshot.Decisions.Select(d => d.Statement).ToList(),
        snapshot.OpenQuestions.ToList(),
        snapshot.PlanState.Where(s => s.Status != PlanStepStatus.Done).Select(s => s.Description).ToList());
}
