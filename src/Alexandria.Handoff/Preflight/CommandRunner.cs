using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Alexandria.Handoff.Preflight;

/// <summary>Runs a preflight command in the repository, capturing what it prints for the evidence log.</summary>
public static class CommandRunner
{
    /// <summary>A script by its kind (.py with python3, .sh with bash, .ps1 with pwsh), anything else directly.</summary>
    public static (int ExitCode, string Output) Script(string root, string script)
    {
        var extension = Path.GetExtension(script).ToLowerInvariant();
        return extension switch
        {
            ".py" => Run(root, OperatingSystem.IsWindows() ? "python" : "python3", script),
            ".sh" => Run(root, "bash", script),
            ".ps1" => Run(root, "pwsh", "-NoProfile", "-File", script),
            _ => Run(root, Path.Combine(root, script)),
        };
    }

    /// <summary>A command line through the platform's shell.</summary>
    public static (int ExitCode, string Output) Shell(string root, string commandLine)
        => OperatingSystem.IsWindows() ? Run(root, "cmd.exe", "/c", commandLine) : Run(root, "/bin/sh", "-c", commandLine);

    private static (int ExitCode, string Output) Run(string root, string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        try
        {
            using var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return (process.ExitCode, output.ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, fileName + " could not be started: " + e.Message);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
