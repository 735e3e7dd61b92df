using System;

namespace Alexandria.OpenApi;

/// <summary>
/// A description that cannot be served or bundled: a file that is not JSON, a <c>$ref</c> that names no file
/// or no value, a reference form the bundler does not support. Says where: the file, its line and column
/// (1-based) and the JSON pointer of the offending value.
/// </summary>
public sealed class DescriptionException : Exception
{
    /// <summary>A problem at <paramref name="pointer"/> of <paramref name="file"/>.</summary>
    public DescriptionException(string file, int line, int column, string pointer, string problem)
        : base(line > 0 ? $"{file}({line},{column}): {problem} (at {Display(pointer)})" : $"{file}: {problem} (at {Display(pointer)})")
    {
        File = file;
        Line = line;
        Column = column;
        Pointer = pointer;
        Problem = problem;
    }

    /// <summary>The description file at fault, relative to the description's folder.</summary>
    public string File { get; }

    /// <summary>1-based line of the offending value; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending value; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The RFC 6901 pointer of the offending value inside <see cref="File"/>.</summary>
    public string Pointer { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Display(string pointer) => pointer.Length == 0 ? "the document root" : pointer;
}
