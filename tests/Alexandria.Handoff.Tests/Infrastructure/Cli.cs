using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Alexandria.Handoff.Tests.Infrastructure;

/// <summary>What one run of the real CLI left.</summary>
public sealed record CliResult(int Exit, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built <c>alexandria.dll</c> in a working directory, output redirected (what a script sees).</summary>
public static class Cli
{
    public static readonly string CliPath = typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!;

    public static CliResult Run(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(CliPath), "The CLI is not built: " + CliPath);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("alexandria " + string.Join(' ', arguments) + " did not finish");
        }

        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
