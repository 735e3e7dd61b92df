using System;
using System.Text;
using System.Text.RegularExpressions;

namespace Alexandria.Handoff.Config;

/// <summary>
/// A path glob over repository-relative '/'-separated paths: <c>**</c> any number of folders, <c>*</c> any
/// characters within one segment, <c>?</c> one character. A glob without '/' matches the file name anywhere
/// (<c>*.props</c>), as .gitignore does.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var trimmed = pattern.TrimEnd('/');
        var body = trimmed.Contains('/', StringComparison.Ordinal) ? trimmed.TrimStart('/') : "**/" + trimmed;
        var regex = new StringBuilder("^");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var slash = i + 2 < body.Length && body[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A folder pattern ("docs/" or ".ci") covers everything below it.
        regex.Append("(?:/.*)?$");
        _regex = new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path);
}
