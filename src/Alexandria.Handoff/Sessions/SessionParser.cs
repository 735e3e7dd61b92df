using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Handoff.Sessions;

/// <summary>
/// Reads a session handoff document back into typed form. Every section of the seed must be present, in order;
/// a missing or unknown section, or a line that does not fit its section, is refused with its line number.
/// </summary>
public static class SessionParser
{
    public static SessionHandoff Parse(string markdown, string displayPath)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
        {
            throw new HandoffException(displayPath + "(1): a session handoff starts with a '# title' line");
        }

        var sections = new Dictionary<string, List<(int Line, string Text)>>(StringComparer.Ordinal);
        List<(int, string)>? current = null;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                var heading = lines[i][3..].Trim();
                if (!SessionSections.All.Contains(heading))
                {
                    throw new HandoffException(displayPath + "(" + (i + 1) + "): unknown section '" + heading + "'; expected one of: " + string.Join(", ", SessionSections.All));
                }

                if (!sections.TryAdd(heading, current = []))
                {
                    throw new HandoffException(displayPath + "(" + (i + 1) + "): section '" + heading + "' appears twice");
                }
            }
            else if (current is not null)
            {
                current.Add((i + 1, lines[i]));
            }
            else if (lines[i].Trim().Length > 0)
            {
                throw new HandoffException(displayPath + "(" + (i + 1) + "): text before the first section");
            }
        }

        var missing = SessionSections.All.Where(s => !sections.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new HandoffException(displayPath + ": missing section(s): " + string.Join(", ", missing));
        }

        return new SessionHandoff
        {
            Title = lines[0][2..].Trim(),
            Identity = Fields(sections[SessionSections.Identity], displayPath),
            Objective = Items(sections[SessionSections.Objective], displayPath, code: false),
            RehydrationSources = Items(sections[SessionSections.RehydrationSources], displayPath, code: true),
            Decisions = Items(sections[SessionSections.Decisions], displayPath, code: false),
            OpenQuestions = Items(sections[SessionSections.OpenQuestions], displayPath, code: false),
            NextActions = Items(sections[SessionSections.NextActions], displayPath, code: false),
            FilesTouched = Items(sections[SessionSections.FilesTouched], displayPath, code: true),
            Notes = string.Join('\n', sections[SessionSections.Notes].Select(l => l.Text)).Trim('\n'),
            Metadata = Fields(sections[SessionSections.Metadata], displayPath),
        };
    }

    private static List<string> Items(List<(int Line, string Text)> lines, string displayPath, bool code)
    {
        var items = new List<string>();
        foreach (var (number, text) in lines.Where(l => l.Text.Trim().Length > 0))
        {
            if (!text.StartsWith("- ", StringComparison.Ordinal))
            {
                throw new HandoffException(displayPath + "(" + number + "): expected a '- ' list item");
            }

            var item = text[2..];
            items.Add(code && item.Length >= 2 && item.StartsWith('`') && item.EndsWith('`') ? item[1..^1] : item);
        }

        return items;
    }

    private static List<SessionField> Fields(List<(int Line, string Text)> lines, string displayPath)
    {
        var fields = new List<SessionField>();
        foreach (var (number, text) in lines.Where(l => l.Text.Trim().Length > 0))
        {
            var separator = text.IndexOf("`: ", 3, StringComparison.Ordinal);
            if (!text.StartsWith("- `", StringComparison.Ordinal) || separator < 0)
            {
                throw new HandoffException(displayPath + "(" + number + "): expected \"- `key`: `value`\"");
            }

            var value = text[(separator + 3)..];
            var code = value.Length >= 2 && value.StartsWith('`') && value.EndsWith('`');
            fields.Add(new SessionField(text[3..separator], code ? value[1..^1] : value, code));
        }

        return fields;
    }
}
