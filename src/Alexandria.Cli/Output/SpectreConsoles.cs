using System.IO;
using System.Text;
using Spectre.Console;

namespace Alexandria.Cli.Output;

/// <summary>
/// Spectre consoles whose width and ANSI use are decided here, not detected by Spectre: left to itself
/// Spectre assumes 80 columns whenever output is redirected (wrapping ids and paths mid-word), counts an
/// empty NO_COLOR as set, and its CI enrichers turn ANSI back on (GitHub Actions forces it) even when the
/// user asked for none.
/// </summary>
internal static class SpectreConsoles
{
    /// <summary>Width used when nothing should wrap: wide enough for any line a command prints, still finite for Spectre's layout.</summary>
    public const int Unbounded = short.MaxValue;

    /// <summary>A console over <paramref name="writer"/> exactly <paramref name="width"/> columns wide, with ANSI styles only when <paramref name="ansi"/>.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool isTerminal, int width, bool ansi)
    {
        var settings = new AnsiConsoleSettings
        {
            // Detect (not Yes) when styles are allowed, so a TERM=dumb terminal stays plain and Windows turns on VT processing.
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new FixedWidthOutput(writer, isTerminal, width),
        };
        settings.Enrichment.UseDefaultEnrichers = false;
        var console = AnsiConsole.Create(settings);
        console.Profile.Width = width;
        if (!ansi)
        {
            console.Pipeline.Attach(new StylesOff());
        }

        return console;
    }

    /// <summary>Console output whose width is what we measured, not what Spectre guesses.</summary>
    private sealed class FixedWidthOutput(TextWriter writer, bool isTerminal, int width) : IAnsiConsoleOutput
    {
        public TextWriter Writer => writer;

        public bool IsTerminal => isTerminal;

        public int Width => width;

        public int Height => 24;

        // The CLI never changes the console's encoding; Spectre only asks when a caller sets Profile.Encoding.
        public void SetEncoding(Encoding encoding)
        {
        }
    }
}
