using System;
using System.Globalization;
using System.IO;

namespace Alexandria.Cli.Output;

/// <summary>
/// What the process found about where its output goes, read once at start-up so every decision about
/// width, colour and format is made from the same facts (and a test can state them instead).
/// </summary>
/// <param name="OutputIsTerminal">Standard output is a terminal (not redirected to a file or a pipe).</param>
/// <param name="ErrorIsTerminal">Standard error is a terminal.</param>
/// <param name="TerminalWidth">The terminal's width in columns, when there is one to ask.</param>
/// <param name="Columns">The <c>COLUMNS</c> variable, honoured only when a table is forced onto redirected output.</param>
/// <param name="NoColor">The <c>NO_COLOR</c> variable is set and not empty (https://no-color.org).</param>
internal sealed record ConsoleEnvironment(bool OutputIsTerminal, bool ErrorIsTerminal, int? TerminalWidth, int? Columns, bool NoColor)
{
    /// <summary>The facts of this process.</summary>
    public static ConsoleEnvironment Detect()
    {
        var outputIsTerminal = !Console.IsOutputRedirected;
        var errorIsTerminal = !Console.IsErrorRedirected;
        return new ConsoleEnvironment(
            outputIsTerminal,
            errorIsTerminal,
            outputIsTerminal || errorIsTerminal ? WindowWidth() : null,
            PositiveInt(Environment.GetEnvironmentVariable("COLUMNS")),
            IsNoColor(Environment.GetEnvironmentVariable("NO_COLOR")));
    }

    /// <summary>no-color.org: "when present and not an empty string"; an empty value does not count.</summary>
    public static bool IsNoColor(string? value) => !string.IsNullOrEmpty(value);

    private static int? WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int? PositiveInt(string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}
