using System;
using System.Collections.Generic;

namespace Alexandria.Handoff.Git;

/// <summary>One path of a diff: A(dded), M(odified), D(eleted); a rename is a deletion plus an addition.</summary>
public sealed record ChangedFile(char Status, string Path);

/// <summary>The files that differ between two commits, from <c>git diff --name-status --no-renames</c>.</summary>
public static class GitDiff
{
    public static IReadOnlyList<ChangedFile> Files(GitCli git, string baseCommit, string headCommit)
    {
        var result = git.Run("diff", "--name-status", "--no-renames", baseCommit, headCommit);
        if (!result.Ok)
        {
            throw new HandoffException("git diff " + baseCommit + " " + headCommit + " failed: " + result.Error.Trim());
        }

        var files = new List<ChangedFile>();
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0)
            {
                files.Add(new ChangedFile(line[0], line[(tab + 1)..].TrimEnd('\r')));
            }
        }

        return files;
    }

    /// <summary>The added and removed lines of every changed file (without the +/- marker), by path.</summary>
    public static IReadOnlyDictionary<string, FileLines> Lines(GitCli git, string baseCommit, string headCommit)
    {
        var result = git.Run("diff", "--unified=0", "--no-renames", "--no-color", baseCommit, headCommit);
        var files = new Dictionary<string, FileLines>(StringComparer.Ordinal);
        FileLines? current = null;
        var inHeader = false;
        foreach (var line in result.Output.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                current = new FileLines([], []);
                inHeader = true;
            }
            else if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                inHeader = false;
            }
            else if (inHeader && current is not null && (line.StartsWith("+++ ", StringComparison.Ordinal) || line.StartsWith("--- ", StringComparison.Ordinal)))
            {
                var path = line[4..];
                if (path != "/dev/null")
                {
                    files[path[2..]] = current;
                }
            }
            else if (current is not null && line.StartsWith('+'))
            {
                current.Added.Add(line[1..]);
            }
            else if (current is not null && line.StartsWith('-'))
            {
                current.Removed.Add(line[1..]);
            }
        }

        return files;
    }
}

/// <summary>The lines a diff adds to and removes from one file.</summary>
public sealed record FileLines(List<string> Added, List<string> Removed);
