using System.CommandLine;
using System.Threading.Tasks;

namespace Alexandria.Cli;

/// <summary>The <c>alexandria</c> command line: one subcommand per job, each in its own file under Commands/.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Alexandria: contract-first types, validators and an agent runtime.");
        // Subcommands are registered here, one line each.
        root.Subcommands.Add(Commands.Contracts.ContractsCommand.Create());
        return root.Parse(args).InvokeAsync();
    }
}
