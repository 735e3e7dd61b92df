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
    /// </summary>
    public static async Task<int> DiffAsync(string? contractsFolder, string? against, TextWriter output, CancellationToken cancellationToken)
    {
        var workspace = ContractWorkspace.Find(contractsFolder);
        if (workspace is null)
        {
            await output.WriteLineAsync("error: no contracts folder found" + (contractsFolder is null ? " in or above the current directory" : ": " + contractsFolder)).ConfigureAwait(false);
            return Failed;
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
                await output.WriteLineAsync("error: " + Display(lockPath) + " does not exist; run '" + LockFile.Command + "' to create the baseline").ConfigureAwait(false);
                return Failed;
            }

            var lockText = await File.ReadAllTextAsync(lockPath, cancellationToken).ConfigureAwait(false);
            var display = sources.Add(lockPath, lockText);
            baseline = LockFile.Read(lockText, display, out var error);
            if (baseline is null)
            {
                await output.WriteLineAsync("error: " + display + " cannot be read: " + error).ConfigureAwait(false);
                return Failed;
            }

            baselineName = Path.GetFileName(lockPath);
            isLock = true;
        }
        else
        {
            var (contracts, error) = await GitBaseline.ReadAsync(workspace, against, sources, problems, cancellationToken).ConfigureAwait(false);
            if (contracts is null)
            {
                await output.WriteLineAsync("error: " + error).ConfigureAwait(false);
                return Failed;
            }

            baseline = contracts;
            baselineName = "git ref '" + against + "'";
            isLock = false;
        }

        var current = await workspace.ReadCurrentAsync(sources, problems, cancellationToken).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await output.WriteLineAsync("error: " + problem).ConfigureAwait(false);
        }

        // A contract that cannot be read now is reported above, not as removed.
        var unreadable = new HashSet<string>(workspace.CandidateNames().Where(n => current.All(c => c.Name != n)));
        var findings = DriftAnalysis.Compare(baseline.Where(b => !unreadable.Contains(b.Name)).ToList(), current, baselineName, isLock);
        foreach (var finding in findings)
        {
            var (line, column) = sources.Position(finding.At.FilePath, finding.At.Start);
            await output.WriteLineAsync(finding.At.FilePath + "(" + line + "," + column + "): " + SeverityName(finding.Severity) + " " + finding.Id + ": " + finding.Message).ConfigureAwait(false);
        }

        var breaking = findings.Count(f => f.Severity == DriftSeverity.Error);
        var warnings = findings.Count(f => f.Severity == DriftSeverity.Warning);
        var accepted = findings.Count(f => f.Id == DriftRules.AcceptedByVersionBump);
        var compatible = findings.Count(f => f.Id == DriftRules.CompatibleChange);
        await output.WriteLineAsync(
            "Compared " + current.Count + " contract(s) with " + baselineName + ": " + breaking + " breaking, " + accepted + " accepted by a version bump, "
            + compatible + " compatible, " + warnings + " warning(s).").ConfigureAwait(false);
        return problems.Count > 0 ? Failed : breaking > 0 ? BreakingChanges : Success;
    }

    private static string SeverityName(DriftSeverity severity) => severity switch
    {
        DriftSeverity.Error => "error",
        DriftSeverity.Warning => "warning",
        _ => "info",
    };

    private static string Display(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path).Replace('\\', '/');
}
