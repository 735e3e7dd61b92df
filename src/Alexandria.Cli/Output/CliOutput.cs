using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Alexandria.Cli.Output;

/// <summary>
/// Where and how one command invocation writes: the resolved <see cref="OutputMode"/>, a Spectre console on
/// stdout sized to the real terminal, a console on stderr for messages and progress, and the raw stdout
/// writer for plain lines and JSON. Commands describe what they report; this decides how it looks.
/// </summary>
internal sealed class CliOutput
{
    private CliOutput(OutputMode mode, TextWriter stdout, IAnsiConsole console, IAnsiConsole errors, IAnsiConsole? progress)
    {
        Mode = mode;
        Out = stdout;
        Console = console;
        Errors = errors;
        Progress = progress;
    }

    public OutputMode Mode { get; }

    /// <summary>Standard output, unformatted: plain lines and the JSON document.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard output as a Spectre console (table mode).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard error: messages that are not the report (failures, and in JSON mode every note).</summary>
    public IAnsiConsole Errors { get; }

    /// <summary>Where live progress may be drawn: a terminal, or null when neither stdout (in table mode) nor stderr is one.</summary>
    public IAnsiConsole? Progress { get; }

    /// <summary>Table mode shortens ids for a human reader; plain and JSON always carry full values.</summary>
    public bool Compact => Mode == OutputMode.Table;

    /// <summary>The output of this process for a parsed command line.</summary>
    /// <param name="parse">The parse result (for <c>--no-color</c>).</param>
    /// <param name="format">The command's <c>--output</c> option; null for commands without one (auto).</param>
    /// <param name="onTerminal">What auto means on a terminal (contracts diff keeps its clickable lines).</param>
    public static CliOutput For(ParseResult parse, Option<OutputFormat>? format, OutputMode onTerminal = OutputMode.Table)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Create(
            format is null ? OutputFormat.Auto : parse.GetValue(format),
            parse.GetValue<bool>(OutputOptions.NoColorName),
            ConsoleEnvironment.Detect(),
            System.Console.Out,
            System.Console.Error,
            onTerminal);
    }

    /// <summary>The output for stated facts, so tests can check every decision without a terminal.</summary>
    public static CliOutput Create(OutputFormat format, bool noColorFlag, ConsoleEnvironment environment, TextWriter stdout, TextWriter stderr, OutputMode onTerminal = OutputMode.Table)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = format switch
        {
            OutputFormat.Table => OutputMode.Table,
            OutputFormat.Plain => OutputMode.Plain,
            OutputFormat.Json => OutputMode.Json,
            _ => environment.OutputIsTerminal ? onTerminal : OutputMode.Plain,
        };
        var colour = !noColorFlag && !environment.NoColor;
        var terminalWidth = environment.TerminalWidth ?? 80;

        // A table forced onto redirected output is laid out at COLUMNS if given, else wide enough that nothing wraps.
        var console = SpectreConsoles.Create(
            stdout,
            environment.OutputIsTerminal,
            environment.OutputIsTerminal ? terminalWidth : environment.Columns ?? SpectreConsoles.Unbounded,
            colour && environment.OutputIsTerminal && mode == OutputMode.Table);
        var errors = SpectreConsoles.Create(
            stderr,
            environment.ErrorIsTerminal,
            environment.ErrorIsTerminal ? terminalWidth : SpectreConsoles.Unbounded,
            colour && environment.ErrorIsTerminal);

        // Progress belongs on a terminal: beside the tables when stdout is one, else on stderr if that is one.
        var progress = mode == OutputMode.Table && environment.OutputIsTerminal ? console : environment.ErrorIsTerminal ? errors : null;
        return new CliOutput(mode, stdout, console, errors, progress);
    }

    /// <summary>A report table: Spectre table, or a <c># title</c> line, a header line and one tab-separated line per row.</summary>
    public void Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        switch (Mode)
        {
            case OutputMode.Table:
                var rendered = new Table().AddColumns(table.Columns.Select(Markup.Escape).ToArray());
                if (table.Title is { } title)
                {
                    rendered.Title(Markup.Escape(title));
                }

                foreach (var row in table.Rows)
                {
                    rendered.AddRow(row.Select(c => c.Style is null ? new Markup(Markup.Escape(c.Text)) : new Markup(Markup.Escape(c.Text), Style.Parse(c.Style))));
                }

                Console.Write(rendered);
                break;
            case OutputMode.Plain:
                if (table.Title is { } plainTitle)
                {
                    Out.WriteLine("# " + OneLine(plainTitle));
                }

                Out.WriteLine(string.Join('\t', table.Columns.Select(Field)));
                foreach (var row in table.Rows)
                {
                    Out.WriteLine(string.Join('\t', row.Select(c => Field(c.Text))));
                }

                break;
            default:
                throw new InvalidOperationException("JSON output is one document: write it with WriteJson.");
        }
    }

    /// <summary>A block of free text under a heading: a panel on a terminal, <c># heading</c> and the text as is in plain mode.</summary>
    public void WriteText(string heading, string text)
    {
        if (Mode == OutputMode.Table)
        {
            Console.Write(new Panel(Markup.Escape(text)).Header(Markup.Escape(heading)));
        }
        else if (Mode == OutputMode.Plain)
        {
            Out.WriteLine("# " + OneLine(heading));
            Out.WriteLine(text);
        }
    }

    /// <summary>A line about the report (a summary, a hint): markup on a terminal, a <c>#</c> line in plain mode, stderr in JSON mode.</summary>
    public void Note(FormattableString markup)
    {
        var text = Escaped(markup);
        switch (Mode)
        {
            case OutputMode.Table:
                Console.MarkupLine(text);
                break;
            case OutputMode.Plain:
                Out.WriteLine("# " + Markup.Remove(text));
                break;
            default:
                Errors.MarkupLine(text);
                break;
        }
    }

    /// <summary>A failure or a refusal: always standard error, so stdout holds only the report.</summary>
    public void Error(FormattableString markup) => Errors.MarkupLine(Escaped(markup));

    /// <summary>The JSON document, indented, followed by a newline; the only thing written to stdout in JSON mode.</summary>
    public void WriteJson<T>(T document, JsonTypeInfo<T> typeInfo)
    {
        Out.WriteLine(JsonSerializer.Serialize(document, typeInfo));
        Out.Flush();
    }

    // Markup.EscapeInterpolated is internal to Spectre: escape each argument, keep the literal markup.
    private static string Escaped(FormattableString markup)
        => string.Format(CultureInfo.InvariantCulture, markup.Format, markup.GetArguments()
            .Select(a => (object?)Markup.Escape(a is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : a?.ToString() ?? ""))
            .ToArray());

    // A plain field is one line with no tabs, so every row is one line and columns never shift.
    private static string Field(string text) => OneLine(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "; ", StringComparison.Ordinal));

    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
