using System.CommandLine;

namespace Alexandria.Cli.Output;

/// <summary>The options that shape output: <c>--output</c> on commands that print reports, <c>--no-color</c> everywhere.</summary>
internal static class OutputOptions
{
    public const string NoColorName = "--no-color";

    /// <summary><c>--output auto|table|plain|json</c> (short <c>-o</c>).</summary>
    public static Option<OutputFormat> Format() => new("--output", "-o")
    {
        Description = "auto (tables on a terminal, plain lines when redirected), table, plain (tab-separated, full values) or json (one document on stdout).",
        DefaultValueFactory = _ => OutputFormat.Auto,
    };

    /// <summary><c>--no-color</c>, on the root command and every subcommand; the NO_COLOR environment variable does the same.</summary>
    public static Option<bool> NoColor() => new(NoColorName)
    {
        Description = "No ANSI colours or styles (also when NO_COLOR is set and not empty, or output is not a terminal).",
        Recursive = true,
    };
}
