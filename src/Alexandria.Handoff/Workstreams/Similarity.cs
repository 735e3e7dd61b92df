using System;
using System.Linq;
using System.Text;
using Alexandria.Generators.Text;

namespace Alexandria.Handoff.Workstreams;

/// <summary>
/// The fuzzy measure of workstream resolution: normalized Levenshtein similarity,
/// <c>1 - distance(a, b) / max(|a|, |b|)</c>, over normalized phrases (lower case, letters and digits only, words
/// separated by one space, filler words such as "the", "work", "stuff" removed). 1 is identical, 0 nothing in common.
/// </summary>
public static class Similarity
{
    /// <summary>A fuzzy match needs at least this similarity (docs/handoff.md): two typos in a 12-letter name pass.</summary>
    public const double Threshold = 0.8;

    /// <summary>Two candidates closer than this to each other are a tie: the intent is ambiguous.</summary>
    public const double TieMargin = 0.05;

    private static readonly string[] Filler = ["the", "a", "an", "on", "of", "for", "to", "with", "work", "stuff", "thing", "things", "task", "workstream", "project", "please", "continue", "our", "my"];

    public static string Normalize(string phrase)
    {
        var text = new StringBuilder(phrase.Length);
        foreach (var c in phrase.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            text.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w));
        return string.Join(' ', words);
    }

    public static double Score(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length == 0 && y.Length == 0)
        {
            return 1;
        }

        return 1.0 - (double)EditDistance.Levenshtein(x, y) / Math.Max(x.Length, y.Length);
    }
}
