using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Handoff.Preflight;

/// <summary>
/// The Blockers section of a state file (the seed's <c>LIFEOS_STATE.md</c>): the list items under a heading named
/// "Blockers", up to the next heading of the same or a higher level. "None", "n/a" or "-" mean no blocker.
/// </summary>
public static class StateBlockers
{
    private static readonly string[] Empty = ["none", "n/a", "na", "-", "(none)", "nothing", "no blockers"];

    public static IReadOnlyList<string> Read(string markdown)
    {
        var blockers = new List<string>();
        var level = 0;
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                var hashes = line.TakeWhile(c => c == '#').Count();
                if (level > 0 && hashes <= level)
                {
                    break;
                }

                if (level == 0 && line.TrimStart('#').Trim().StartsWith("Blockers", StringComparison.OrdinalIgnoreCase))
                {
                    level = hashes;
                }

                continue;
            }

            if (level == 0 || line.Length == 0)
            {
                continue;
            }

            var item = Item(line);
            if (item is not null && !Empty.Contains(item.TrimEnd('.').ToLowerInvariant()))
            {
                blockers.Add(item);
            }
        }

        return blockers;
    }

    private static string? Item(string line)
    {
        if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
        {
            return line[2..].Trim();
        }

        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && line[..dot].All(char.IsDigit) ? line[(dot + 2)..].Trim() : line;
    }
}
