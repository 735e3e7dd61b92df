using System.CommandLine;
using System.IO;
using Alexandria.Cli.Output;
using Alexandria.Handoff.Dispatch;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;
using Alexandria.Handoff.Storage;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary><c>handoff preflight</c>: the seed's preflight order, a log under logs/preflight/, a READINESS packet; exit 1 when not ready.</summary>
internal static class ReadinessCommands
{
    public static Command Preflight()
    {
        var repo = HandoffOptions.Repo();
        var mode = HandoffOptions.Mode();
        var mission = HandoffOptions.Mission();
        var format = OutputOptions.Format();
        var command = new Command("preflight", "Readiness script (or the test command), the state file's Blockers, blocked packets; writes the log and a READINESS packet (Mode 1: with SHA-256 attestation).");
        foreach (var option in new Option[] { repo, mode, mission, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            var output = CliOutput.For(result, format, OutputMode.Plain);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var outcome = new PreflightRunner(workspace).Run(new PacketOrigin(HandoffOptions.ParseMode(result.GetValue(mode)), Mission: result.GetValue(mission)));
                var packet = outcome.Packet;
                var bytes = File.ReadAllBytes(workspace.Store.PathOf(packet.PacketId));
                if (output.Mode == OutputMode.Json)
                {
                    output.Out.Write(PacketJson.Text(bytes));
                }
                else
                {
                    foreach (var step in packet.Steps)
                    {
                        output.Out.WriteLine(ReadinessStepNameJsonConverter.ToJsonValue(step.Name) + ": " + ReadinessStepStatusJsonConverter.ToJsonValue(step.Status) + " — " + step.Detail);
                    }

                    output.Out.WriteLine((packet.Result == ReadinessPacketResult.Ready ? "Ready" : "Not ready") + "; log: " + packet.LogPath + "; wrote READINESS " + packet.PacketId + ".");
                    output.Out.WriteLine();
                    output.Out.Write(DispatchBlock.Render(packet, bytes));
                }

                return packet.Result == ReadinessPacketResult.Ready ? HandoffOptions.Ok : HandoffOptions.RuleFailed;
            });
        });
        return command;
    }
}
