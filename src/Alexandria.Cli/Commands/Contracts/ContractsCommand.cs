using System;
using System.CommandLine;
using System.Threading;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>
/// <c>alexandria contracts lock | diff | bundle</c>: the breaking-change baseline of the contracts folder, and the
/// bundled API description.
/// Registered in Program.cs with <c>root.Subcommands.Add(ContractsCommand.Create());</c>.
/// </summary>
public static class ContractsCommand
{
    public static Command Create()
    {
        var contracts = new Option<string?>("--contracts")
        {
            Description = "The contracts folder (default: the nearest 'contracts' folder in or above the current directory).",
        };

        var lockCommand = new Command("lock", "Write contracts/contracts.lock.json, the normalized baseline that builds compare the contracts with.");
        lockCommand.Options.Add(contracts);
        lockCommand.SetAction((ParseResult result, CancellationToken cancellationToken)
            => ContractDriftRunner.LockAsync(result.GetValue(contracts), Console.Out, cancellationToken));

        var against = new Option<string?>("--against")
        {
            Description = "A lock file, or a git ref whose contracts are the baseline (default: contracts/contracts.lock.json).",
        };
        var diffCommand = new Command("diff", "Report every contract change as breaking or compatible; exits with 1 when a change is breaking.");
        diffCommand.Options.Add(contracts);
        diffCommand.Options.Add(against);
        diffCommand.SetAction((ParseResult result, CancellationToken cancellationToken)
            => ContractDriftRunner.DiffAsync(result.GetValue(contracts), result.GetValue(against), Console.Out, cancellationToken));

        var command = new Command("contracts", "Guard the contracts against breaking changes (lock a baseline, diff against it or a git ref); bundle the API description.");
        command.Subcommands.Add(lockCommand);
        command.Subcommands.Add(diffCommand);
        command.Subcommands.Add(BundleCommand.Create());
        return command;
    }
}
