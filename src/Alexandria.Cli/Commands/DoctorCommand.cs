using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;
using Alexandria.Runtime.Storage.FileSystem;

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
        var formatOption = OutputOptions.Format();
        var command = new Command("doctor", "Check every record and object of the embedded store: torn tails, corruption (with file and offset), tampered objects, strays.")
        {
            storeOption, quarantineOption, formatOption,
        };
        command.SetAction(parse => Run(CliOutput.For(parse, formatOption), parse.GetValue(storeOption)!, parse.GetValue(quarantineOption)));
        return command;
    }

    private static int Run(CliOutput output, DirectoryInfo store, bool quarantine)
    {
        var findings = StoreDoctor.Check(store.FullName);
        bool damaged = findings.Any(f => f.IsDamage);
        var moved = damaged && quarantine ? StoreDoctor.Quarantine(store.FullName, findings, DateTimeOffset.UtcNow) : [];
        int exitCode = damaged ? 1 : 0;

        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(
                new DoctorDocument(
                    store.FullName,
                    damaged,
                    findings.Select(f => new DoctorFinding(f.RunId, JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Kind.ToString()), f.Path, f.Offset, f.Message)).ToList(),
                    moved.Select(m => new DoctorQuarantine(m.RunId, m.MovedTo)).ToList()),
                CliJsonContext.Default.DoctorDocument);
            return exitCode;
        }

        if (findings.Count > 0)
        {
            var table = new ReportTable("Findings", "kind", "run", "file", "offset", "what");
            foreach (var finding in findings)
            {
                table.AddRow(finding.Kind.ToString(), finding.RunId ?? "-", finding.Path, finding.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", finding.Message);
            }

            output.Write(table);
        }

        foreach (var (runId, movedTo) in moved)
        {
            output.Note($"Quarantined {runId} -> {movedTo}");
        }

        if (!damaged)
        {
            output.Note($"[green]No damage in {store.FullName}[/] ({findings.Count} note(s)).");
        }
        else if (!quarantine)
        {
            output.Note($"[red]{findings.Where(f => f.IsDamage).Select(f => f.RunId).Distinct().Count()} run(s) damaged.[/] Nothing was changed; run again with --quarantine to move them aside.");
        }

        return exitCode;
    }
}
