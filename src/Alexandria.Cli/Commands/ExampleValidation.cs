using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alexandria.Cli.Commands;

/// <summary>One error of a document, as the generated validator reports it.</summary>
/// <param name="Pointer">Where in the document (RFC 6901; empty for the root).</param>
public sealed record ExampleError(string Pointer, string Keyword, string Message)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "(root)" : Pointer)} {Keyword}: {Message}";
}

/// <summary>The verdict of the generated validator on one example document.</summary>
/// <param name="Verdict"><c>valid</c>, <c>invalid</c> or <c>unknown definition</c>.</param>
public sealed record ExampleReport(bool AsExpected, string Verdict, IReadOnlyList<ExampleError> Errors)
{
    public bool Valid => Verdict == "valid";
}

/// <summary>Runs one document through the generated validator of its definition.</summary>
public static class ExampleValidation
{
    public static ExampleReport Check(DirectoryInfo folder, ExampleDocument document)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder.FullName, document.File));
        if (!Alexandria.Contracts.OutputSchemaValidators.TryValidate(document.Definition, bytes, out var result))
        {
            return new ExampleReport(false, "unknown definition", [new ExampleError("", "$defs", $"no definition '{document.Definition}' in output_schema.json")]);
        }

        var errors = result.Errors.Select(e => new ExampleError(e.InstancePointer, e.Keyword, e.Message)).ToList();
        return new ExampleReport(result.IsValid == document.ExpectValid, result.IsValid ? "valid" : "invalid", errors);
    }
}
