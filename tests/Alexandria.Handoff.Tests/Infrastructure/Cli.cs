using System.Collections.Generic;

namespace Alexandria.Handoff.Tests.Infrastructure;

/// <summary>Runs the built <c>alexandria.dll</c> in a working directory, output redirected and uncoloured (what a script sees).</summary>
public static class Cli
{
    private static readonly Dictionary<string, string> NoColor = new() { ["NO_COLOR"] = "1" };

    public static CliResult Run(string workingDirectory, params string[] arguments)
        => CliProcess.RunAsync(arguments, NoColor, workingDirectory).GetAwaiter().GetResult();
}
