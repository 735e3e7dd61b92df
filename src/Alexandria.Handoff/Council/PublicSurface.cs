using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Alexandria.Handoff.Council;

/// <summary>
/// The public declarations of a C# file, one normalized signature per declaration (<c>public</c> or
/// <c>protected</c> members and types, up to their body or initializer). A change to a body, a comment or a private
/// member leaves the set unchanged, so it is not an interface change.
/// </summary>
public static partial class PublicSurface
{
    public static SortedSet<string> Of(string? source)
    {
        var surface = new SortedSet<string>(StringComparer.Ordinal);
        if (source is null)
        {
            return surface;
        }

        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (!Declaration().IsMatch(line))
            {
                continue;
            }

            var end = line.Length;
            foreach (var stop in new[] { "=>", "{", ";", "//" })
            {
                var at = line.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0 && at < end)
                {
                    end = at;
                }
            }

            var signature = Spaces().Replace(line[..end], " ").Trim();
            if (signature.Length > 0)
            {
                surface.Add(signature);
            }
        }

        return surface;
    }

    [GeneratedRegex(@"^(public|protected)\s")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
