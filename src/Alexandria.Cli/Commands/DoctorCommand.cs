using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Alexandria.Runtime.Storage.FileSystem;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria doctor [--store DIR] [--quarantine]</c>: checks every record and object of the embedded store;
/// exit 0 when nothing is damaged, 1 when something is. <c>--quarantine</c> moves damaged runs aside, never deletes.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var storeOption = StoreLocation.StoreOption();
        var quarantineOption = new Option<bool>("--quarantine")
        {
            Description = "Move every damaged run to <store>/quarantine/<run>-<UTC time>/ (all bytes kept) so the rest of the store is usable. Stop every writer first.",
        };
        var command = new Command("doctor", "Check every record and object of the embedded store: torn tails, corruption (with file and offset), tampered objects, strays.")
        {
            storeOption, quarantineOption,
        };
        command.SetAction(parse => Run(parse.GetValue(storeOption)!, parse.GetValue(quarantineOption)));
        return command;
    }

    private static int Run(DirectoryInfo store, bool quarantine)
    {
        var findings = StoreDoctor.Check(store.FullName);
        foreach (var finding in findings)
        {
            string where = finding.Offset is { } offset ? $"{finding.Path} @ {offset}" : finding.Path;
            string colour = finding.IsDamage ? "red" : "yellow";
            AnsiConsole.MarkupLineInterpolated($"[{colour}]{finding.Kind}[/] {finding.RunId ?? "-"} {where}: {finding.Message}");
        }

        int damaged = findings.Where(f => f.IsDamage).Select(f => f.RunId).Distinct().Count();
        if (damaged == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]No damage in {store.FullName}[/] ({findings.Count} note(s)).");
            return 0;
        }

        if (!quarantine)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{damaged} run(s) damaged.[/] Nothing was changed; run again with --quarantine to move them aside.");
            return 1;
        }

        foreach (var (runId, movedTo) in StoreDoctor.Quarantine(store.FullName, findings, DateTimeOffset.UtcNow))
        {
            AnsiConsole.MarkupLineInterpolated($"Quarantined {runId} -> {movedTo}");
        }

        return 1;
    }
}
