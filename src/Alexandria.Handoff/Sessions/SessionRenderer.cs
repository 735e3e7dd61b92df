using System.Collections.Generic;
using System.Text;

namespace Alexandria.Handoff.Sessions;

/// <summary>Renders a <see cref="SessionHandoff"/> as markdown by template only (no model call); <see cref="SessionParser"/> reads it back.</summary>
public static class SessionRenderer
{
    public static string Render(SessionHandoff document)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(document.Title).Append("\n\n");
        Fields(text, SessionSections.Identity, document.Identity);
        Items(text, SessionSections.Objective, document.Objective, code: false);
        Items(text, SessionSections.RehydrationSources, document.RehydrationSources, code: true);
        Items(text, SessionSections.Decisions, document.Decisions, code: false);
        Items(text, SessionSections.OpenQuestions, document.OpenQuestions, code: false);
        Items(text, SessionSections.NextActions, document.NextActions, code: false);
        Items(text, SessionSections.FilesTouched, document.FilesTouched, code: true);
        text.Append("## ").Append(SessionSections.Notes).Append('\n').Append(document.Notes).Append("\n\n");
        Fields(text, SessionSections.Metadata, document.Metadata);
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Fields(StringBuilder text, string heading, IReadOnlyList<SessionField> fields)
    {
        text.Append("## ").Append(heading).Append('\n');
        foreach (var field in fields)
        {
            text.Append("- `").Append(field.Key).Append("`: ").Append(field.Code ? "`" + field.Value + "`" : field.Value).Append('\n');
        }

        text.Append('\n');
    }

    private static void Items(StringBuilder text, string heading, IReadOnlyList<string> items, bool code)
    {
        text.Append("## ").Append(heading).Append('\n');
        foreach (var item in items)
        {
            text.Append("- ").Append(code ? "`" + item + "`" : item).Append('\n');
        }

        text.Append('\n');
    }
}
