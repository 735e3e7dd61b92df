using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;
using Alexandria.Runtime.Replay;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria replay &lt;run&gt;</c>: rebuilds every snapshot from the log and compares bytes; exit 1 on any mismatch.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var runArgument = new Argument<string>("run") { Description = "Id of the run to verify." };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();
        var formatOption = OutputOptions.Format();
        var command = new Command("replay", "Rebuild every snapshot of a run from its event log and verify it matches the stored bytes.")
        {
            runArgument, storeOption, postgresOption, formatOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) =>
        {
            var output = CliOutput.For(parse, formatOption);
            return RuntimeFailures.ReportAsync(output, () => ReplayAsync(
                output, parse.GetValue(runArgument)!, parse.GetValue(storeOption)!, parse.GetValue(postgresOption), cancellationToken), exitCode: 1);
        });
        return command;
    }

    private static async Task<int> ReplayAsync(CliOutput output, string runId, DirectoryInfo store, string? postgres, CancellationToken cancellationToken)
    {
        var runtime = await StoreLocation.OpenAsync(store, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = runtime.ConfigureAwait(false);
        var report = await new SnapshotReplayer(runtime).VerifyAsync(runId, cancellationToken).ConfigureAwait(false);
        var source = StoreLocation.Describe(store, postgres);
        if (report.EventsRead == 0)
        {
            output.Error($"[red]Run {runId} has no events in the {source}.[/]");
            return 2;
        }

        var exitCode = report.Verified ? 0 : 1;
        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(
                new ReplayDocument(runId, source, report.EventsRead, report.SnapshotsChecked, report.Verified,
                    report.Mismatches.Select(m => new ReplayMismatch(m.SnapshotId, m.Pointer, m.Reason)).ToList()),
                CliJsonContext.Default.ReplayDocument);
            return exitCode;
        }

        output.Note($"Run [bold]{runId}[/]: {report.EventsRead} events, {report.SnapshotsChecked} snapshots rebuilt from the log.");
        if (report.Verified)
        {
            output.Note($"[green]Every stored snapshot matches its rebuild byte for byte.[/]");
            return exitCode;
        }

        var table = new ReportTable("Mismatches", "snapshot", "first difference", "what");
        foreach (var mismatch in report.Mismatches)
        {
            table.AddRow(mismatch.SnapshotId.ToString(), mismatch.Pointer.Length == 0 ? "(root)" : mismatch.Pointer, mismatch.Reason);
        }

        output.Write(table);
        output.Note($"[red]{report.Mismatches.Select(m => m.SnapshotId).Distinct().Count()} snapshot(s) do not match the log.[/]");
        return exitCode;
    }
}
