using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Replay;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary><c>alexandria replay &lt;run&gt;</c>: rebuilds every snapshot from the log and compares bytes; exit 1 on any mismatch.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var runArgument = new Argument<string>("run") { Description = "Id of the run to verify." };
        var storeOption = StoreLocation.StoreOption();
        var postgresOption = StoreLocation.PostgresOption();
        var command = new Command("replay", "Rebuild every snapshot of a run from its event log and verify it matches the stored bytes.")
        {
            runArgument, storeOption, postgresOption,
        };

        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => RuntimeFailures.ReportAsync(() => ReplayAsync(
            parse.GetValue(runArgument)!, parse.GetValue(storeOption)!, parse.GetValue(postgresOption), cancellationToken), exitCode: 1));
        return command;
    }

    private static async Task<int> ReplayAsync(string runId, DirectoryInfo store, string? postgres, CancellationToken cancellationToken)
    {
        var runtime = await StoreLocation.OpenAsync(store, postgres, cancellationToken).ConfigureAwait(false);
        await using var _ = runtime.ConfigureAwait(false);
        var report = await new SnapshotReplayer(runtime).VerifyAsync(runId, cancellationToken).ConfigureAwait(false);
        if (report.EventsRead == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Run {runId} has no events in the {StoreLocation.Describe(store, postgres)}.[/]");
            return 2;
        }

        AnsiConsole.MarkupLineInterpolated($"Run [bold]{runId}[/]: {report.EventsRead} events, {report.SnapshotsChecked} snapshots rebuilt from the log.");
        if (report.Verified)
        {
            AnsiConsole.MarkupLine("[green]Every stored snapshot matches its rebuild byte for byte.[/]");
            return 0;
        }

        var table = new Table().Title("Mismatches").AddColumns("snapshot", "first difference", "what");
        foreach (var mismatch in report.Mismatches)
        {
            table.AddRow(
                mismatch.SnapshotId.ToString(),
                Markup.Escape(mismatch.Pointer.Length == 0 ? "(root)" : mismatch.Pointer),
                Markup.Escape(mismatch.Reason));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[red]{report.Mismatches.Select(m => m.SnapshotId).Distinct().Count().ToString(CultureInfo.InvariantCulture)} snapshot(s) do not match the log.[/]");
        return 1;
    }
}
