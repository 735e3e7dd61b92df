using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Drift;
using Alexandria.Generators.Json;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Council;

/// <summary>
/// CT-1, a new or changed external interface: the contracts compared at the two commits by the same drift engine
/// as the build and <c>alexandria contracts diff</c> (breaking and additive changes, with their ALX rule ids), and
/// the public declarations of the library sources (<c>public_api_paths</c>).
/// </summary>
public static class InterfaceTrigger
{
    public static TriggerFinding Check(DiffContext diff)
    {
        var finding = new TriggerFinding(CouncilTriggerId.Ct1);
        foreach (var folder in diff.Config.ContractDirs.Select(d => d.Trim('/')))
        {
            if (diff.Files.Any(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal)))
            {
                CompareContracts(diff, folder, finding);
            }
        }

        var api = diff.Config.PublicApiPaths.Select(p => new Glob(p)).ToList();
        foreach (var file in diff.Files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal) && api.Any(g => g.IsMatch(f.Path))))
        {
            ComparePublicSurface(diff, file.Path, finding);
        }

        return finding;
    }

    private static void CompareContracts(DiffContext diff, string folder, TriggerFinding finding)
    {
        var baseline = ContractsAt(diff, diff.Base, folder, finding);
        var current = ContractsAt(diff, diff.Head, folder, finding);
        foreach (var change in DriftAnalysis.Compare(baseline, current, "base " + diff.Base[..12], baselineIsLock: false))
        {
            var path = change.At.FilePath.Contains(':', StringComparison.Ordinal) ? change.At.FilePath[(change.At.FilePath.IndexOf(':', StringComparison.Ordinal) + 1)..] : change.At.FilePath;
            finding.Reasons.Add(path + ": " + change.Severity.ToString().ToLowerInvariant() + " " + change.Id + ": " + change.Message);
            finding.RuleIds.Add(change.Id);
            finding.Paths.Add(path);
        }
    }

    /// <summary>The normalized contracts of <paramref name="folder"/> at a commit (the contract selection of the build).</summary>
    internal static List<LockedContract> ContractsAt(DiffContext diff, string commit, string folder, TriggerFinding? finding)
    {
        var listing = diff.Git.Run("ls-tree", "-r", "--name-only", commit, "--", folder + "/");
        var contracts = new List<LockedContract>();
        foreach (var path in listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            var name = path[(folder.Length + 1)..];
            if (!IsContract(name))
            {
                continue;
            }

            var text = diff.Git.ShowFile(commit, path) ?? "";
            try
            {
                var contract = ContractNormalizer.Normalize(name, commit[..12] + ":" + path, text);
                if (contract is not null)
                {
                    contracts.Add(contract);
                }
            }
            catch (JsonParseException e)
            {
                finding?.Reasons.Add(path + " at " + commit[..12] + " is not valid JSON: " + e.Message);
                finding?.Paths.Add(path);
            }
        }

        return contracts;
    }

    public static bool IsContract(string name)
        => name.EndsWith(".json", StringComparison.Ordinal) && !name.StartsWith("examples/", StringComparison.Ordinal)
           && !name.EndsWith(".schema.json", StringComparison.Ordinal) && name != LockFile.FileName;

    private static void ComparePublicSurface(DiffContext diff, string path, TriggerFinding finding)
    {
        var before = PublicSurface.Of(diff.Git.ShowFile(diff.Base, path));
        var after = PublicSurface.Of(diff.Git.ShowFile(diff.Head, path));
        foreach (var added in after.Except(before))
        {
            finding.Reasons.Add(path + ": public API added or changed: " + added);
            finding.Paths.Add(path);
        }

        foreach (var removed in before.Except(after))
        {
            finding.Reasons.Add(path + ": public API removed or changed: " + removed);
            finding.Paths.Add(path);
        }
    }
}
