using System;
using System.Linq;
using Alexandria.Generators.Drift;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Council;

/// <summary>
/// CT-4, deviation from spec: an implementation path of a <c>spec_pairs</c> entry changed while no path of its spec
/// did, or a contracts folder's lock file (<c>contracts.lock.json</c>) no longer matches its contracts at the head.
/// </summary>
public static class SpecTrigger
{
    public static TriggerFinding Check(DiffContext diff)
    {
        var finding = new TriggerFinding(CouncilTriggerId.Ct4);
        foreach (var pair in diff.Config.SpecPairs)
        {
            var implementation = new Glob(pair.Implementation);
            var spec = new Glob(pair.Spec);
            var changed = diff.Files.Where(f => implementation.IsMatch(f.Path)).ToList();
            if (changed.Count > 0 && !diff.Files.Any(f => spec.IsMatch(f.Path)))
            {
                foreach (var file in changed)
                {
                    finding.Reasons.Add(file.Path + " changed without its spec ('" + pair.Spec + "')");
                    finding.Paths.Add(file.Path);
                }
            }
        }

        foreach (var folder in diff.Config.ContractDirs.Select(d => d.Trim('/')))
        {
            CheckLock(diff, folder, finding);
        }

        return finding;
    }

    private static void CheckLock(DiffContext diff, string folder, TriggerFinding finding)
    {
        var lockPath = folder + "/" + LockFile.FileName;
        if (!diff.Files.Any(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            return;
        }

        var locked = diff.Git.ShowFile(diff.Head, lockPath);
        if (locked is null)
        {
            return;
        }

        var expected = LockFile.Write(InterfaceTrigger.ContractsAt(diff, diff.Head, folder, null));
        if (Normalize(locked) != Normalize(expected))
        {
            finding.Reasons.Add(lockPath + " is out of date with the contracts at " + diff.Head[..12] + "; run '" + LockFile.Command + "'");
            finding.Paths.Add(lockPath);
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}
