using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Generators.Drift;
using Alexandria.Generators.Json;

namespace Alexandria.Cli.Commands.Contracts;

/// <summary>
/// The contract files of a folder as the build sees them: <c>**/*.json</c> except <c>examples/</c>,
/// <c>*.schema.json</c> and the lock file itself (the same selection as build/Alexandria.Generators.targets).
/// </summary>
internal sealed class ContractWorkspace
{
    private ContractWorkspace(string folder) => Folder = folder;

    /// <summary>Absolute path of the contracts folder (where the lock file lives).</summary>
    public string Folder { get; }

    public string LockPath => Path.Combine(Folder, LockFile.FileName);

    /// <summary>
    /// <paramref name="folder"/> if given; otherwise the nearest <c>contracts/</c> folder in or above the
    /// current directory. Null when there is none.
    /// </summary>
    public static ContractWorkspace? Find(string? folder)
    {
        if (!string.IsNullOrEmpty(folder))
        {
            return Directory.Exists(folder) ? new ContractWorkspace(Path.GetFullPath(folder)) : null;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "contracts");
            if (Directory.Exists(candidate))
            {
                return new ContractWorkspace(candidate);
            }
        }

        return null;
    }

    /// <summary>Lock keys (paths relative to the folder, '/'-separated) of the contract candidates, sorted.</summary>
    public IReadOnlyList<string> CandidateNames()
        => Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Folder, p).Replace('\\', '/'))
            .Where(IsCandidate)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsCandidate(string name)
        => !name.StartsWith("examples/", StringComparison.Ordinal)
           && !name.EndsWith(".schema.json", StringComparison.Ordinal)
           && name != LockFile.FileName;

    /// <summary>Reads and normalizes every contract now in the folder; texts go to <paramref name="sources"/> for locating findings.</summary>
    public async Task<IReadOnlyList<LockedContract>> ReadCurrentAsync(SourceTexts sources, List<string> problems, CancellationToken cancellationToken)
    {
        var contracts = new List<LockedContract>();
        foreach (var name in CandidateNames())
        {
            var path = Path.Combine(Folder, name);
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            var display = sources.Add(path, text);
            var contract = Normalize(name, display, text, problems);
            if (contract is not null)
            {
                contracts.Add(contract);
            }
        }

        return contracts;
    }

    public static LockedContract? Normalize(string name, string displayPath, string text, List<string> problems)
    {
        try
        {
            return ContractNormalizer.Normalize(name, displayPath, text);
        }
        catch (JsonParseException e)
        {
            problems.Add(displayPath + ": not valid JSON: " + e.Message);
            return null;
        }
    }
}
