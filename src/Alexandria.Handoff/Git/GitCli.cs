using System;
using System.Diagnostics;
using System.Text;

namespace Alexandria.Handoff.Git;

/// <summary>The output of one git command.</summary>
public sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs the <c>git</c> command line in one repository. The protocol reads real diffs and real commits, so
/// there is no in-process model of git to drift from what the user sees with the same commands.
/// </summary>
public sealed class GitCli
{
    public GitCli(string workingDirectory) => WorkingDirectory = workingDirectory;

    public string WorkingDirectory { get; }

    public GitResult Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // Paths with non-ASCII names come back verbatim rather than octal-quoted.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("core.quotepath=off");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new GitResult(process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    /// <summary>The full commit id <paramref name="reference"/> names, or null when it names none.</summary>
    public string? ResolveCommit(string reference)
    {
        var result = Run("rev-parse", "--verify", "--quiet", reference + "^{commit}");
        return result.Ok ? result.Output.Trim() : null;
    }

    /// <summary>True when <paramref name="path"/> is a file (blob) at <paramref name="commit"/>.</summary>
    public bool FileExistsAt(string commit, string path) => Run("cat-file", "-e", commit + ":" + path).Ok
        && Run("cat-file", "-t", commit + ":" + path).Output.Trim() == "blob";

    /// <summary>The text of <paramref name="path"/> at <paramref name="commit"/>, or null when absent.</summary>
    public string? ShowFile(string commit, string path)
    {
        var result = Run("show", commit + ":" + path);
        return result.Ok ? result.Output : null;
    }

    /// <summary>The top-level folder of the repository holding <paramref name="directory"/>, or null.</summary>
    public static string? FindRoot(string directory)
    {
        var result = new GitCli(directory).Run("rev-parse", "--show-toplevel");
        return result.Ok ? result.Output.Trim() : null;
    }
}
