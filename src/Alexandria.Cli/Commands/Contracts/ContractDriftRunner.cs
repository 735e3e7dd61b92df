using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Generators.Drift;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>
/// <c>alexandria contracts lock</c> and <c>alexandria contracts diff</c>, without the command-line
/// plumbing: the same normalizer and differ the generator runs at build time, over files on disk or
/// at a git ref. Output is one MSBuild-style line per finding, so CI logs link to the contract line.
/// </summary>
internal static class ContractDriftRunner
{
    public const int Success = 0;
    public const int BreakingChanges = 1;
    public const int Failed = 2;

    /// <summary>Writes <c>contracts.lock.json</c> from the contracts now in the folder.</summary>
    public static async Task<int> LockAsync(string? contractsFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var workspace = ContractWorkspace.Find(contractsFolder);
        if (workspace is null)
        {
            await output.WriteLineAsync("error: no contracts folder found" + (contractsFolder is null ? " in or above the current directory" : ": " + contractsFolder)).ConfigureAwait(false);
            return Failed;
        }

        var problems = new List<string>();
        var contracts = await workspace.ReadCurrentAsync(new SourceTexts(), problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await output.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            await output.WriteLineAsync("error: the lock file was not written; fix the contracts first").ConfigureAwait(false);
            return Failed;
        }

        var text = LockFile.Write(contracts);
        var previous = File.Exists(workspace.LockPath) ? await File.ReadAllTextAsync(workspace.LockPath, cancellationToken).ConfigureAwait(false) : null;
        if (previous != text)
        {
            await File.WriteAllTextAsync(workspace.LockPath, text, cancellationToken).ConfigureAwait(false);
        }

        var summary = string.Join(", ", contracts.Select(c => c.Name + (c.Version is null ? "" : " " + c.Version)));
        await output.WriteLineAsync((previous == text ? "Unchanged " : "Locked ") + contracts.Count + " contract(s) in " + Display(workspace.LockPath) + ": " + summary).ConfigureAwait(false);
        return Success;
    }

    /// <summary>
    /// Compares the contracts in the folder with <paramref name="against"/>: a lock file path, a git
    /// ref (the contracts at that commit), or, when null, the folder's own lock file.
    /// Returns 1 when any change is breaking, 2 when the comparison could not run.
    /// Writes one MSBuild-style line per finding and a summary line (the plain report).
    /// </summary>
    public static async Task<int> DiffAsync(string? contractsFolder, string? against, TextWriter output, CancellationToken cancellationToken)
    {
        var (report, error) = await CompareAsync(contractsFolder, against, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            await output.WriteLineAsync("error: " + error).ConfigureAwait(false);
            return Failed;
        }

        await WriteLinesAsync(report, output).ConfigureAwait(false);
        return report.ExitCode;
    }

    /// <summary>The plain report: a line per unreadable contract, a line per finding, the summary.</summary>
    public static async Task WriteLinesAsync(DriftReport report, TextWriter output)
    {
        foreach (var problem in report.Problems)
        {
            await output.WriteLineAsync("error: " + problem).ConfigureAwait(false);
        }

        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync(finding.ToString()).ConfigureAwait(false);
        }

        await output.WriteLineAsync(report.Summary).ConfigureAwait(false);
    }

    /// <summary>The comparison <see cref="DiffAsync"/> prints; null with the reason when it cannot run.</summary>
    public static async Task<(DriftReport? Report, string? Error)> CompareAsync(string? contractsFolder, string? against, CancellationToken cancellationToken)
    {
        var workspace = ContractWorkspace.Find(contractsFolder);
        if (workspace is null)
        {
            return (null, "no contracts folder found" + (contractsFolder is null ? " in or above the current directory" : ": " + contractsFolder));
        }

        var sources = new SourceTexts();
        var problems = new List<string>();
        IReadOnlyList<LockedContract>? baseline;
        string baselineName;
        bool isLock;
        var lockPath = against ?? workspace.LockPath;
        if (against is null || File.Exists(against))
        {
            if (!File.Exists(lockPath))
            {
                return (null, Display(lockPath) + " does not exist; run '" + LockFile.Command + "' to create the baseline");
            }

            var lockText = await File.ReadAllTextAsync(lockPath, cancellationToken).ConfigureAwait(false);
            var display = sources.Add(lockPath, lockText);
            baseline = LockFile.Read(lockText, display, out var error);
            if (baseline is null)
            {
                return (null, display + " cannot be read: " + error);
            }

            baselineName = Path.GetFileName(lockPath);
            isLock = true;
        }
        else
        {
            var (contracts, error) = await GitBaseline.ReadAsync(workspace, against, sources, problems, cancellationToken).ConfigureAwait(false);
            if (contracts is null)
            {
                return (null, error);
            }

            baseline = contracts;
            baselineName = "git ref '" + against + "'";
            isLock = false;
        }

        var current = await workspace.ReadCurrentAsync(sources, problems, cancellationToken).ConfigureAwait(false);

        // A contract that cannot be read now is reported as a problem, not as removed.
        var unreadable = new HashSet<string>(workspace.CandidateNames().Where(n => current.All(c => c.Name != n)));
        var findings = DriftAnalysis.Compare(baseline.Where(b => !unreadable.Contains(b.Name)).ToList(), current, baselineName, isLock)
            .Select(f =>
            {
                var (line, column) = sources.Position(f.At.FilePath, f.At.Start);
                return new LocatedFinding(f, f.At.FilePath, line, column);
            })
            .ToList();
        return (new DriftReport(baselineName, current.Count, problems, findings), null);
    }

    private static string Display(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path).Replace('\\', '/');
}
