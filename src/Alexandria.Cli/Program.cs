using System.CommandLine;
using System.Threading.Tasks;
using Alexandria.Cli.Commands;
using Alexandria.Cli.Output;

namespace Alexandria.Cli;

/// <summary>The <c>alexandria</c> command line: one subcommand per job, each in its own file under Commands/.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Alexandria: contract-first types, validators and an agent runtime.");
        root.Options.Add(OutputOptions.NoColor());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(Commands.Contracts.ContractsCommand.Create());
        root.Subcommands.Add(Commands.Handoff.HandoffCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
