using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Generators.Drift;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>The contracts as they were at a git ref, read with <c>git show &lt;ref&gt;:./&lt;file&gt;</c>.</summary>
internal static class GitBaseline
{
    /// <summary>Null (with <paramref name="error"/>) when <paramref name="gitRef"/> is not a commit of the repository holding the folder.</summary>
    public static async Task<(IReadOnlyList<LockedContract>? Contracts, string? Error)> ReadAsync(
        ContractWorkspace workspace, string gitRef, SourceTexts sources, List<string> problems, CancellationToken cancellationToken)
    {
        var verify = await GitAsync(workspace.Folder, cancellationToken, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}").ConfigureAwait(false);
        if (verify.ExitCode != 0)
        {
            return (null, "'" + gitRef + "' is neither a file nor a git ref of the repository holding " + workspace.Folder);
        }

        // Paths relative to the contracts folder, as they were at the ref.
        var listing = await GitAsync(workspace.Folder, cancellationToken, "ls-tree", "-r", "--name-only", gitRef, "--", ".").ConfigureAwait(false);
        if (listing.ExitCode != 0)
        {
            return (null, "git ls-tree failed: " + listing.Error.Trim());
        }

        var names = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal) && ContractWorkspace.IsCandidate(n))
            .Order(StringComparer.Ordinal);

        var contracts = new List<LockedContract>();
        foreach (var name in names)
        {
            var show = await GitAsync(workspace.Folder, cancellationToken, "show", gitRef + ":./" + name).ConfigureAwait(false);
            if (show.ExitCode != 0)
            {
                problems.Add(gitRef + ":" + name + ": git show failed: " + show.Error.Trim());
                continue;
            }

            var display = sources.AddVirtual(gitRef + ":" + name, show.Output);
            var contract = ContractWorkspace.Normalize(name, display, show.Output, problems);
            if (contract is not null)
            {
                contracts.Add(contract);
            }
        }

        return (contracts, null);
    }

    private static async Task<(int ExitCode, string Output, string Error)> GitAsync(string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
