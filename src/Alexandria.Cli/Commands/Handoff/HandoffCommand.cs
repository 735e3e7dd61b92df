using System.CommandLine;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>
/// <c>alexandria handoff …</c>: the build handoff protocol on any git repository (docs/handoff.md).
/// Registered in Program.cs with <c>root.Subcommands.Add(HandoffCommand.Create());</c>.
/// </summary>
public static class HandoffCommand
{
    public static Command Create()
    {
        var command = new Command("handoff", "Build handoff protocol: packets with TTL and ACK, workstreams, council checks, preflight, closure bundles.");
        command.Subcommands.Add(PacketCommands.Create());
        command.Subcommands.Add(PacketCommands.Ack());
        command.Subcommands.Add(SweepCommands.Sweep());
        command.Subcommands.Add(WorkstreamCommands.Create());
        command.Subcommands.Add(CouncilCommands.Create());
        command.Subcommands.Add(ReadinessCommands.Preflight());
        command.Subcommands.Add(ClosureCommands.Close());
        command.Subcommands.Add(ClosureCommands.Verify());
        command.Subcommands.Add(SessionCommands.Write());
        command.Subcommands.Add(SessionCommands.Read());
        return command;
    }
}
