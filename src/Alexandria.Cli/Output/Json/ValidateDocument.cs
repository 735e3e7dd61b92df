using System.Collections.Generic;

namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria validate --output json</c>: every document's verdict and errors, and the totals.</summary>
/// <param name="Folder">Absolute path of the folder validated.</param>
/// <param name="Total">Documents checked.</param>
/// <param name="AsExpected">Documents whose verdict matched the expectation.</param>
/// <param name="NotAsExpected">Documents whose verdict did not (the exit code is 1 when this is not 0).</param>
internal sealed record ValidateDocument(string Folder, int Total, int AsExpected, int NotAsExpected, IReadOnlyList<ValidatedFile> Documents);

/// <param name="File">The file name, as the index names it.</param>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="Definition">The <c>$defs</c> name it was validated against.</param>
/// <param name="Expected"><c>valid</c> or <c>invalid</c>.</param>
/// <param name="Verdict"><c>valid</c>, <c>invalid</c> or <c>unknown_definition</c>.</param>
/// <param name="Valid">The validator accepted the document.</param>
/// <param name="AsExpected">The verdict is the expected one.</param>
/// <param name="Errors">Every error, most specific first, as the generated validator reports them.</param>
internal sealed record ValidatedFile(string File, string Path, string Definition, string Expected, string Verdict, bool Valid, bool AsExpected, IReadOnlyList<ValidationErrorEntry> Errors);

/// <summary>One validation error, with the same members as a problem body's <c>errors</c> items.</summary>
internal sealed record ValidationErrorEntry(string Pointer, string Keyword, string Message);
