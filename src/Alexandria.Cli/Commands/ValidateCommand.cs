using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;

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
        var format = OutputOptions.Format();
        var command = new Command("validate", "Validate example documents with the generated validators") { folder, format };
        command.SetAction((result, cancellationToken) => RunAsync(CliOutput.For(result, format), result.GetValue(folder)!, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(CliOutput output, DirectoryInfo folder, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            output.Error($"[red]error:[/] folder '{folder.FullName}' does not exist");
            return Task.FromResult(2);
        }

        var checks = ExampleIndex.Load(folder).Select(document =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (Document: document, Report: ExampleValidation.Check(folder, document));
        }).ToList();
        var mismatches = checks.Count(c => !c.Report.AsExpected);

        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(
                new ValidateDocument(folder.FullName, checks.Count, checks.Count - mismatches, mismatches, checks.Select(c => new ValidatedFile(
                    c.Document.File,
                    Path.Combine(folder.FullName, c.Document.File),
                    c.Document.Definition,
                    c.Document.ExpectValid ? "valid" : "invalid",
                    c.Report.Verdict.Replace(' ', '_'),
                    c.Report.Valid,
                    c.Report.AsExpected,
                    c.Report.Errors.Select(e => new ValidationErrorEntry(e.Pointer, e.Keyword, e.Message)).ToList())).ToList()),
                CliJsonContext.Default.ValidateDocument);
            return Task.FromResult(mismatches == 0 ? 0 : 1);
        }

        var table = new ReportTable(null, "document", "definition", "expected", "verdict", "errors");
        foreach (var (document, report) in checks)
        {
            table.AddRow(
                document.File,
                document.Definition,
                document.ExpectValid ? "valid" : "invalid",
                new ReportCell(report.Verdict, report.AsExpected ? "green" : "red"),
                string.Join("\n", report.Errors));
        }

        output.Write(table);
        output.Note($"{checks.Count} documents, {checks.Count - mismatches} as expected, {mismatches} not");
        return Task.FromResult(mismatches == 0 ? 0 : 1);
    }
}
