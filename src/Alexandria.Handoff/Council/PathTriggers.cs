using System;
using System.Linq;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Council;

/// <summary>CT-2 (protected paths) and CT-3 (a new CI script or a gating change), from the changed paths and lines.</summary>
public static class PathTriggers
{
    /// <summary>CT-2: a changed path matches a <c>protected_paths</c> glob.</summary>
    public static TriggerFinding Protected(DiffContext diff)
    {
        var finding = new TriggerFinding(CouncilTriggerId.Ct2);
        var globs = diff.Config.ProtectedPaths.Select(p => new Glob(p)).ToList();
        foreach (var file in diff.Files)
        {
            var glob = globs.FirstOrDefault(g => g.IsMatch(file.Path));
            if (glob is not null)
            {
                finding.Reasons.Add(file.Path + " (" + Verb(file.Status) + ") is protected by '" + glob.Pattern + "'");
                finding.Paths.Add(file.Path);
            }
        }

        return finding;
    }

    /// <summary>
    /// CT-3: a changed path is a CI script, workflow or build gate (<c>gating_paths</c>), or a changed line of any
    /// file adds or removes a gating marker (warning levels, test filters, skips: <c>gating_markers</c>).
    /// </summary>
    public static TriggerFinding Gating(DiffContext diff)
    {
        var finding = new TriggerFinding(CouncilTriggerId.Ct3);
        var globs = diff.Config.GatingPaths.Select(p => new Glob(p)).ToList();
        foreach (var file in diff.Files)
        {
            var glob = globs.FirstOrDefault(g => g.IsMatch(file.Path));
            if (glob is not null)
            {
                finding.Reasons.Add((file.Status == 'A' ? "new CI/gating file " : "CI/gating file ") + file.Path + " (" + Verb(file.Status) + "), matched by '" + glob.Pattern + "'");
                finding.Paths.Add(file.Path);
            }
        }

        foreach (var (path, lines) in diff.Lines.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var marker in diff.Config.GatingMarkers)
            {
                var touched = lines.Added.Concat(lines.Removed).FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
                if (touched is not null)
                {
                    finding.Reasons.Add(path + ": a changed line touches '" + marker + "': " + touched.Trim());
                    finding.Paths.Add(path);
                }
            }
        }

        return finding;
    }

    public static string Verb(char status) => status switch
    {
        'A' => "added",
        'D' => "deleted",
        _ => "modified",
    };
}
