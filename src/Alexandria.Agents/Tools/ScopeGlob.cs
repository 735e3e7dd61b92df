using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Alexandria.Agents.Tools;

/// <summary>
/// The path globs of a handoff scope: <c>*</c> matches within one path segment, <c>**</c> across segments,
/// everything else literally. A path is in scope when one glob matches it whole.
/// </summary>
public static class ScopeGlob
{
    /// <summary>True when <paramref name="path"/> matches one of <paramref name="globs"/>.</summary>
    public static bool AnyMatches(IEnumerable<string> globs, string path)
    {
        ArgumentNullException.ThrowIfNull(globs);
        return globs.Any(g => Matches(g, path));
    }

    /// <summary>True when <paramref name="glob"/> matches <paramref name="path"/> whole.</summary>
    public static bool Matches(string glob, string path)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(path);
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*')
            {
                if (i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    pattern.Append(".*");
                    i++;
                }
                else
                {
                    pattern.Append("[^/]*");
                }
            }
            else
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
        }

        pattern.Append('$');
        return Regex.IsMatch(path, pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
