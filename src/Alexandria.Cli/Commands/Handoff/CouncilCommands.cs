using System.CommandLine;
using System.Linq;
using Alexandria.Cli.Output;
using Alexandria.Handoff.Council;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>
/// <c>handoff council check --base &lt;ref&gt; --head &lt;ref&gt;</c>: council triggers computed from the diff. Exit 0: no
/// trigger; 1: a council is required (a COUNCIL packet was written); 2: the check could not run.
/// </summary>
internal static class CouncilCommands
{
    public static Command Create()
    {
        var baseRef = new Option<string>("--base") { Description = "The commit the work started from (a branch, tag or commit).", Required = true };
        var headRef = new Option<string>("--head") { Description = "The commit to check (default HEAD).", DefaultValueFactory = _ => "HEAD" };
        var recommend = new Option<string?>("--recommend") { Description = "CT-5: an agent's reason to involve the council; needs --link." };
        var link = new Option<string?>("--link") { Description = "CT-5: the computed trigger (CT-1…CT-4) the recommendation rests on; it must fire on this diff." };
        var repo = HandoffOptions.Repo();
        var mode = HandoffOptions.Mode();
        var mission = HandoffOptions.Mission();
        var format = OutputOptions.Format();
        var check = new Command("check", "Compute CT-1…CT-4 from the git diff (contracts drift with ALX rule ids, public API, protected paths, CI/gating, spec pairs and lock); exits 1 when a council is required.");
        foreach (var option in new Option[] { baseRef, headRef, recommend, link, repo, mode, mission, format })
        {
            check.Options.Add(option);
        }

        check.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var origin = new PacketOrigin(HandoffOptions.ParseMode(result.GetValue(mode)), Mission: result.GetValue(mission));
                Recommendation? recommendation = null;
                if (result.GetValue(recommend) is { } reason)
                {
                    var linked = result.GetValue(link) ?? throw new Alexandria.Handoff.HandoffException("--recommend needs --link CT-1|CT-2|CT-3|CT-4: CT-5 is accepted only linked to a computed trigger");
                    recommendation = new Recommendation(reason, HandoffOptions.ParseTrigger(linked));
                }

                var council = CouncilCheck.Run(workspace.Layout, workspace.Config, result.GetValue(baseRef)!, result.GetValue(headRef)!, recommendation);
                var packet = council.Required ? new PacketFactory(workspace).Council(origin, council) : null;
                if (output.Mode == OutputMode.Json)
                {
                    output.WriteJson(new CouncilReport(council.Required, packet?.PacketId, council.Base, council.Head, council.Triggers), HandoffJsonContext.Default.CouncilReport);
                }
                else
                {
                    foreach (var trigger in council.Triggers)
                    {
                        var name = CouncilCheck.Name(trigger.Id) + (trigger.LinkedTo is { } l ? " (linked to " + CouncilCheck.Name(l) + ")" : "");
                        foreach (var why in trigger.Reasons)
                        {
                            output.Out.WriteLine(name + ": " + why);
                        }
                    }

                    output.Out.WriteLine(packet is null
                        ? "No council trigger fired between " + council.Base[..12] + " and " + council.Head[..12] + "."
                        : "Council required: " + string.Join(", ", council.Triggers.Select(t => CouncilCheck.Name(t.Id))) + "; wrote COUNCIL " + packet.PacketId
                          + " (" + workspace.Layout.Relative(workspace.Store.PathOf(packet.PacketId)) + ").");
                }

                return council.Required ? HandoffOptions.RuleFailed : HandoffOptions.Ok;
            });
        });

        var command = new Command("council", "Council triggers (CT-1…CT-5) computed from a git diff, not declared.");
        command.Subcommands.Add(check);
        return command;
    }
}
