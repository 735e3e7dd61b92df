using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace Alexandria.Testing;

/// <summary>What one run of the CLI left: its exit code and what it wrote to each stream.</summary>
public sealed record CliResult(int Exit, string Stdout, string Stderr)
{
    /// <summary>Both streams, stdout first: for assertions that do not care which one a line went to.</summary>
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the built <c>alexandria.dll</c> (the test project's <c>CliPath</c> assembly metadata) as a child process with
/// stdin closed and stdout and stderr redirected — exactly what a script or a CI log sees. Colour and width variables
/// of the test runner are not inherited. One source file, linked into every test project that runs the CLI.
/// </summary>
public static class CliProcess
{
    /// <summary>The built <c>alexandria.dll</c> of this configuration.</summary>
    public static readonly string CliPath = Metadata("CliPath")!;

    /// <summary>The repository the tests were built from (scenarios, contracts/examples): the project's <c>RepoRoot</c> metadata.</summary>
    public static string RepoRoot => Metadata("RepoRoot") ?? throw new InvalidOperationException("This test project declares no RepoRoot assembly metadata.");

    /// <param name="arguments">The CLI's arguments.</param>
    /// <param name="environment">Variables to set; an empty value removes the variable (a test that needs a key absent).</param>
    /// <param name="workingDirectory">Where it runs: by default the project's <c>RepoRoot</c>, or this process's directory without one.</param>
    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        if (!File.Exists(CliPath))
        {
            throw new FileNotFoundException($"The CLI is not built: {CliPath} is missing (build src/Alexandria.Cli in the same configuration).", CliPath);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Metadata("RepoRoot") ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "NO_COLOR", "COLUMNS", "FORCE_COLOR", "GITHUB_ACTIONS", "TF_BUILD" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("alexandria " + string.Join(' ', arguments) + " did not finish within 2 minutes.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, null);

    private static string? Metadata(string key)
        => typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value;
}
