using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria validate &lt;folder&gt;</c>: checks every example document against the generated
/// validator of its definition and prints a per-document report. A document's definition and
/// expected verdict come from <c>index.json</c> in the folder, or from its name
/// (<c>&lt;definition&gt;.valid.N.json</c> / <c>&lt;definition&gt;.invalid.N.json</c>).
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder")
        {
            Description = "Folder of example documents (default: contracts/examples)",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("contracts", "examples")),
        };
        var command = new Command("validate", "Validate example documents with the generated validators") { folder };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(folder)!, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] folder '{folder.FullName}' does not exist");
            return Task.FromResult(2);
        }

        var documents = ExampleIndex.Load(folder);
        var table = new Table().AddColumns("document", "definition", "expected", "verdict", "errors");
        var mismatches = 0;
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = ExampleValidation.Check(folder, document);
            if (!report.AsExpected)
            {
                mismatches++;
            }

            table.AddRow(
                Markup.Escape(document.File),
                Markup.Escape(document.Definition),
                document.ExpectValid ? "valid" : "invalid",
                report.AsExpected ? $"[green]{report.Verdict}[/]" : $"[red]{report.Verdict}[/]",
                Markup.Escape(string.Join("\n", report.Errors)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{documents.Count} documents, {documents.Count - mismatches} as expected, {mismatches} not");
        return Task.FromResult(mismatches == 0 ? 0 : 1);
    }
}
