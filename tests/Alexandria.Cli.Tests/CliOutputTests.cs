using System;
using System.IO;
using System.Linq;
using Alexandria.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Alexandria.Cli.Tests;

/// <summary>How <see cref="CliOutput"/> decides mode, width and colour from the facts of the process.</summary>
public sealed class CliOutputTests
{
    private static readonly string LongId = "run-" + new string('x', 150) + "-end";

    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private static ConsoleEnvironment Terminal(int width = 132, bool noColor = false) => new(true, true, width, null, noColor);

    private static ConsoleEnvironment Redirected(int? columns = null, bool noColor = false) => new(false, false, null, columns, noColor);

    private CliOutput Output(OutputFormat format, ConsoleEnvironment environment) => CliOutput.Create(format, false, environment, _stdout, _stderr);

    [Fact]
    public void Auto_on_a_terminal_is_a_table_at_the_terminals_real_width()
    {
        var output = CliOutput.Create(OutputFormat.Auto, false, Terminal(width: 173), _stdout, _stderr);

        Assert.Equal(OutputMode.Table, output.Mode);
        Assert.Equal(173, output.Console.Profile.Width);
        Assert.True(output.Compact);
    }

    [Fact]
    public void Auto_when_redirected_is_plain_with_full_values()
    {
        var output = CliOutput.Create(OutputFormat.Auto, false, Redirected(), _stdout, _stderr);

        Assert.Equal(OutputMode.Plain, output.Mode);
        Assert.False(output.Compact);
    }

    [Fact]
    public void Contracts_diff_keeps_its_plain_lines_on_a_terminal_unless_a_table_is_asked_for()
    {
        Assert.Equal(OutputMode.Plain, CliOutput.Create(OutputFormat.Auto, false, Terminal(), _stdout, _stderr, onTerminal: OutputMode.Plain).Mode);
        Assert.Equal(OutputMode.Table, CliOutput.Create(OutputFormat.Table, false, Terminal(), _stdout, _stderr, onTerminal: OutputMode.Plain).Mode);
    }

    [Fact]
    public void Progress_is_drawn_only_on_a_terminal_and_never_into_redirected_stdout()
    {
        var terminal = Output(OutputFormat.Auto, Terminal());
        Assert.Same(terminal.Console, terminal.Progress);
        var stdoutRedirected = Output(OutputFormat.Table, new ConsoleEnvironment(false, true, 120, null, false));
        Assert.Same(stdoutRedirected.Errors, stdoutRedirected.Progress);
        var json = Output(OutputFormat.Json, Terminal());
        Assert.Same(json.Errors, json.Progress);
        Assert.Null(Output(OutputFormat.Table, Redirected()).Progress);
    }

    [Fact]
    public void Plain_table_is_a_title_line_a_header_and_one_tab_separated_line_per_row_with_full_values()
    {
        var output = CliOutput.Create(OutputFormat.Plain, false, Terminal(width: 40), _stdout, _stderr);
        var table = new ReportTable("Runs", "run", "errors").AddRow(LongId, "first\nsecond\twith a tab");

        output.Write(table);

        var lines = _stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["# Runs", "run\terrors", LongId + "\tfirst; second with a tab"], lines);
    }

    [Fact]
    public void A_table_forced_onto_redirected_output_does_not_wrap_long_ids()
    {
        var output = CliOutput.Create(OutputFormat.Table, false, Redirected(), _stdout, _stderr);

        output.Write(new ReportTable(null, "run", "events").AddRow(LongId, "89"));

        Assert.Contains(_stdout.ToString().Split(Environment.NewLine), line => line.Contains(LongId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_forced_onto_redirected_output_honours_COLUMNS()
    {
        var output = CliOutput.Create(OutputFormat.Table, false, Redirected(columns: 60), _stdout, _stderr);

        output.Write(new ReportTable(null, "run", "events").AddRow(LongId, "89"));

        Assert.Equal(60, output.Console.Profile.Width);
        Assert.All(_stdout.ToString().Split(Environment.NewLine), line => Assert.True(line.Length <= 60, line));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void NO_COLOR_or_the_flag_turns_ANSI_off_even_on_a_terminal(bool noColorVariable, bool noColorFlag)
    {
        var output = CliOutput.Create(OutputFormat.Table, noColorFlag, Terminal(noColor: noColorVariable), _stdout, _stderr);

        output.Write(new ReportTable("Styled", "verdict").AddRow(new ReportCell("invalid", "red bold")));
        output.Note($"[green]done[/] {LongId}");
        output.Error($"[red]failed[/]");

        Assert.False(output.Console.Profile.Capabilities.Ansi);
        Assert.False(output.Errors.Profile.Capabilities.Ansi);
        Assert.DoesNotContain('\u001b', _stdout.ToString());
        Assert.DoesNotContain('\u001b', _stderr.ToString());
        Assert.Contains("invalid", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_colour_no_segment_keeps_a_style_so_Spectres_legacy_backend_never_resets_terminal_colours()
    {
        // Spectre without ANSI calls System.Console.ResetColor() for each styled segment, which .NET writes to a
        // terminal as ESC[39;49m whatever writer the console has: styles must be gone before that backend sees them.
        var output = CliOutput.Create(OutputFormat.Table, true, Terminal(), _stdout, _stderr);
        var styled = new Table().Title("[red]title[/]").AddColumn("[bold]verdict[/]").AddRow(new Markup("[green]valid[/]"));

        var segments = styled.GetSegments(output.Console).Concat(new Markup("[red]failed[/]").GetSegments(output.Errors)).ToList();

        Assert.Contains(segments, s => s.Text.Contains("valid", StringComparison.Ordinal));
        Assert.All(segments, s => Assert.Equal(Style.Plain, s.Style));
    }

    [Fact]
    public void Output_that_is_not_a_terminal_gets_no_ANSI_even_when_colour_is_allowed()
    {
        var output = CliOutput.Create(OutputFormat.Table, false, Redirected(), _stdout, _stderr);

        output.Write(new ReportTable("Styled", "verdict").AddRow(new ReportCell("valid", "green")));

        Assert.False(output.Console.Profile.Capabilities.Ansi);
        Assert.Equal(ColorSystem.NoColors, output.Console.Profile.Capabilities.ColorSystem);
        Assert.DoesNotContain('\u001b', _stdout.ToString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("1", true)]
    [InlineData("0", true)]
    public void NO_COLOR_counts_when_present_and_not_empty(string? value, bool noColor)
        => Assert.Equal(noColor, ConsoleEnvironment.IsNoColor(value));

    [Fact]
    public void In_json_mode_notes_go_to_stderr_and_stdout_holds_only_the_document()
    {
        var output = CliOutput.Create(OutputFormat.Json, false, Terminal(), _stdout, _stderr);

        output.Note($"Compaction: 18 counted events or 8 steps, whichever first.");

        Assert.Equal("", _stdout.ToString());
        Assert.Contains("Compaction: 18 counted events", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_in_plain_mode_are_hash_lines_without_markup_and_markup_in_arguments_stays_text()
    {
        var output = CliOutput.Create(OutputFormat.Plain, false, Redirected(), _stdout, _stderr);

        output.Note($"Run [bold]{"[not-markup]"}[/]: {LongId}");

        Assert.Equal("# Run [not-markup]: " + LongId + Environment.NewLine, _stdout.ToString());
    }
}
