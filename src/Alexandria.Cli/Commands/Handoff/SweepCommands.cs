using System;
using System.CommandLine;
using Alexandria.Cli.Output;
using Alexandria.Handoff.Storage;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary><c>alexandria handoff sweep [--dry-run]</c>: block every packet past its TTL now (moved, never deleted, with a reason file).</summary>
internal static class SweepCommands
{
    public static Command Sweep()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the packets past their TTL; move nothing." };
        var repo = HandoffOptions.Repo();
        var command = new Command("sweep", "Block every packet older than its TTL: move it to artifacts/packets/blocked/ with a reason file beside it (nothing is deleted).");
        command.Options.Add(dryRun);
        command.Options.Add(repo);
        command.SetAction(result =>
        {
            var output = CliOutput.For(result, null);
            return HandoffRunner.Run(output, () =>
            {
                var workspace = HandoffOptions.Open(result.GetValue(repo));
                var sweep = new StaleSweep(workspace.Store, workspace.Time).Run(result.GetValue(dryRun));
                foreach (var packet in sweep.Blocked)
                {
                    output.Out.WriteLine(sweep.DryRun
                        ? $"would block {packet.PacketId}: {packet.Reason} ({packet.From} → {packet.To})"
                        : $"BLOCKED {packet.PacketId}: {packet.Reason}; moved to {packet.To} (reason: {Staleness.ReasonPath(packet.To)})");
                }

                foreach (var problem in sweep.Unreadable)
                {
                    output.Error($"[red]refused:[/] {problem}");
                }

                var verb = sweep.DryRun ? "would be blocked" : "blocked";
                output.Out.WriteLine($"{sweep.Blocked.Count} stale packet(s) {verb}, {sweep.Fresh} fresh, {sweep.Unreadable.Count} unreadable.");
                return sweep.Unreadable.Count > 0 ? HandoffOptions.RuleFailed : HandoffOptions.Ok;
            });
        });
        return command;
    }
}
