using System.Collections.Generic;

namespace Alexandria.Cli.Output;

/// <summary>One cell of a report: its full text, and a Spectre style (<c>green</c>, <c>bold</c>…) used only in table mode.</summary>
internal readonly record struct ReportCell(string Text, string? Style = null)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>
/// A titled table a command reports, built once and rendered by <see cref="CliOutput"/> either as a Spectre
/// table (terminal) or as tab-separated lines (plain). A cell may hold several lines (joined with "; " in plain).
/// </summary>
internal sealed class ReportTable(string? title, params string[] columns)
{
    private readonly List<IReadOnlyList<ReportCell>> _rows = [];

    public string? Title => title;

    public IReadOnlyList<string> Columns => columns;

    public IReadOnlyList<IReadOnlyList<ReportCell>> Rows => _rows;

    public ReportTable AddRow(params ReportCell[] cells)
    {
        _rows.Add(cells);
        return this;
    }
}
