using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alexandria.Cli.Commands;

/// <summary>The verdict of the generated validator on one example document.</summary>
public sealed record ExampleReport(bool AsExpected, string Verdict, IReadOnlyList<string> Errors);

/// <summary>Runs one document through the generated validator of its definition.</summary>
public static class ExampleValidation
{
    public static ExampleReport Check(DirectoryInfo folder, ExampleDocument document)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder.FullName, document.File));
        if (!Alexandria.Contracts.OutputSchemaValidators.TryValidate(document.Definition, bytes, out var result))
        {
            return new ExampleReport(false, "unknown definition", [$"no definition '{document.Definition}' in output_schema.json"]);
        }

        var errors = result.Errors.Select(e => $"{(e.InstancePointer.Length == 0 ? "(root)" : e.InstancePointer)} {e.Keyword}: {e.Message}").ToList();
        return new ExampleReport(result.IsValid == document.ExpectValid, result.IsValid ? "valid" : "invalid", errors);
    }
}
