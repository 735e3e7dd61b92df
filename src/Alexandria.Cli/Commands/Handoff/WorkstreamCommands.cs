using System.CommandLine;
using Alexandria.Cli.Output;
using Alexandria.Handoff.Workstreams;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary><c>handoff workstream resolve "&lt;phrase&gt;"</c>: what the human said → a workstream, never asking for an internal name.</summary>
internal static class WorkstreamCommands
{
    public static Command Create()
    {
        var phrase = new Argument<string>("phrase") { Description = "What the work is about, in your own words." };
        var repo = HandoffOptions.Repo();
        var format = OutputOptions.Format();
        var resolve = new Command("resolve", "Match loose words to a workstream: exact name, alias, close spelling; otherwise record a provisional one and carry on.");
        resolve.Arguments.Add(phrase);
        resolve.Options.Add(repo);
        resolve.Options.Add(format);
        resolve.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var resolution = new WorkstreamResolver(workspace.Layout).Resolve(result.GetValue(phrase) ?? "");
                if (output.Mode == OutputMode.Json)
                {
                    output.WriteJson(new WorkstreamReport(resolution.Kind.ToString().ToLowerInvariant(), resolution.Workstream?.HumanName, resolution.Score, resolution.Candidates, resolution.Describe),
                        HandoffJsonContext.Default.WorkstreamReport);
                }
                else if (resolution.Kind == ResolutionKind.Blocked)
                {
                    output.Error($"{resolution.Describe}");
                }
                else
                {
                    output.Out.WriteLine(resolution.Describe);
                }

                return resolution.Kind == ResolutionKind.Blocked ? HandoffOptions.RuleFailed : HandoffOptions.Ok;
            });
        });

        var command = new Command("workstream", "Workstreams from loose human intent (artifacts/workstreams.yaml, or a scan of the repository).");
        command.Subcommands.Add(resolve);
        return command;
    }
}
