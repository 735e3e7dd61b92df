using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alexandria.Cli.Tests.Infrastructure;

namespace Alexandria.Cli.Tests;

/// <summary>Runs only where script(1) can give the CLI a pseudo-terminal of a chosen size (Linux).</summary>
public sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public PseudoTerminalFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs script(1) from util-linux to run the CLI on a pseudo-terminal";
        }
    }
}

/// <summary>The CLI on a real (pseudo-)terminal: tables at the terminal's width, colour unless NO_COLOR.</summary>
public sealed partial class TerminalTests
{
    private const int Width = 97;

    private static readonly string Examples = Path.Combine(CliProcess.RepoRoot, "contracts", "examples");

    [PseudoTerminalFact]
    public async Task On_a_terminal_validate_draws_a_coloured_table_exactly_as_wide_as_the_terminal()
    {
        var screen = await OnTerminalAsync(new Dictionary<string, string>(), "validate", Examples);

        var rows = Text(screen).Where(l => l.Contains('│', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(Width, r.Length));
        Assert.Matches(Sgr(), screen);
    }

    [PseudoTerminalFact]
    public async Task On_a_terminal_NO_COLOR_keeps_the_table_and_its_width_but_drops_every_colour_and_style()
    {
        var screen = await OnTerminalAsync(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "validate", Examples);

        Assert.All(Text(screen).Where(l => l.Contains('│', StringComparison.Ordinal)), r => Assert.Equal(Width, r.Length));
        Assert.DoesNotMatch(Sgr(), screen);
    }

    [PseudoTerminalFact]
    public async Task On_a_terminal_the_no_color_flag_drops_every_colour_and_style()
    {
        var screen = await OnTerminalAsync(new Dictionary<string, string>(), "validate", Examples, "--no-color");

        Assert.Contains('│', screen);
        Assert.DoesNotMatch(Sgr(), screen);
    }

    // Select Graphic Rendition: colours and styles. (.NET itself writes keypad mode, ESC[?1h ESC=, on any terminal.)
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Sgr();

    [GeneratedRegex(@"\x1b(\[[?0-9;]*[A-Za-z]|[=>])")]
    private static partial Regex Escape();

    private static IEnumerable<string> Text(string screen) => Escape().Replace(screen, "").Split('\n').Select(l => l.TrimEnd('\r'));

    private static async Task<string> OnTerminalAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var command = $"stty cols {Width} rows 50; exec dotnet {Quote(CliProcess.CliPath)} {string.Join(' ', arguments.Select(Quote))}";
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("NO_COLOR");
        info.Environment.Remove("COLUMNS");
        info.Environment["TERM"] = "xterm";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var screen = await stdout;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{screen}\n{await stderr}");
        return screen;
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
