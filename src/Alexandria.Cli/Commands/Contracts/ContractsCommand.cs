using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;

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
        var format = OutputOptions.Format();
        format.Description = "auto and plain: one MSBuild-style line per change (file(line,col): severity id: message), on a terminal too; table; json.";
        var diffCommand = new Command("diff", "Report every contract change as breaking or compatible; exits with 1 when a change is breaking.");
        diffCommand.Options.Add(contracts);
        diffCommand.Options.Add(against);
        diffCommand.Options.Add(format);
        diffCommand.SetAction((ParseResult result, CancellationToken cancellationToken)
            => DiffAsync(CliOutput.For(result, format, onTerminal: OutputMode.Plain), result.GetValue(contracts), result.GetValue(against), cancellationToken));

        var command = new Command("contracts", "Guard the contracts against breaking changes (lock a baseline, diff against it or a git ref); bundle the API description.");
        command.Subcommands.Add(lockCommand);
        command.Subcommands.Add(diffCommand);
        command.Subcommands.Add(BundleCommand.Create());
        return command;
    }

    private static async Task<int> DiffAsync(CliOutput output, string? contractsFolder, string? against, CancellationToken cancellationToken)
    {
        var (report, error) = await ContractDriftRunner.CompareAsync(contractsFolder, against, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            output.Error($"[red]error:[/] {error}");
            return ContractDriftRunner.Failed;
        }

        switch (output.Mode)
        {
            case OutputMode.Json:
                output.WriteJson(
                    new DiffDocument(report.BaselineName, report.ContractCount, report.Breaking, report.Accepted, report.Compatible, report.Warnings, report.Problems,
                        report.Findings.Select(f => new DiffChange(f.Finding.Id, f.Severity, f.File, f.Line, f.Column, f.Finding.Message)).ToList()),
                    CliJsonContext.Default.DiffDocument);
                break;
            case OutputMode.Table:
                foreach (var problem in report.Problems)
                {
                    output.Error($"[red]error:[/] {problem}");
                }

                var table = new ReportTable(null, "where", "severity", "id", "change");
                foreach (var finding in report.Findings)
                {
                    var style = finding.Severity switch { "error" => "red", "warning" => "yellow", _ => null };
                    table.AddRow($"{finding.File}({finding.Line},{finding.Column})", new ReportCell(finding.Severity, style), finding.Finding.Id, finding.Finding.Message);
                }

                output.Write(table);
                output.Note($"{report.Summary}");
                break;
            default:
                await ContractDriftRunner.WriteLinesAsync(report, output.Out).ConfigureAwait(false);
                break;
        }

        return report.ExitCode;
    }
}
