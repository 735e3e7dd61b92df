using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alexandria.OpenApi.Bundling;

/// <summary>
/// Names the moved components. A component keeps its definition key (<c>run</c>) when no other moved value
/// and no component already in the root wants it; values that share a key all take their file as a prefix
/// (<c>output_schema.run</c>, <c>common.run</c>), so which one is qualified never depends on which file was
/// read first; a numeric suffix settles what is left in path order. Names match OpenAPI's
/// <c>^[a-zA-Z0-9.\-_]+$</c>.
/// </summary>
internal static class ComponentNames
{
    public static void Assign(IEnumerable<BundledComponent> components, Func<string, IEnumerable<string>> existing)
    {
        foreach (var kind in components.GroupBy(c => c.Kind, StringComparer.Ordinal))
        {
            var reserved = new HashSet<string>(existing(kind.Key), StringComparer.Ordinal);
            var ordered = kind.OrderBy(c => c.Document.Path, StringComparer.Ordinal).ThenBy(c => c.Pointer, StringComparer.Ordinal).ToArray();
            var wanted = ordered.GroupBy(c => Sanitize(c.BaseName), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var used = new HashSet<string>(reserved, StringComparer.Ordinal);
            foreach (var component in ordered)
            {
                var preferred = Sanitize(component.BaseName);
                var name = wanted[preferred] == 1 && !reserved.Contains(preferred)
                    ? preferred
                    : Sanitize(FileStem(component.Document.Path) + "." + component.BaseName);
                var candidate = name;
                for (var n = 2; !used.Add(candidate); n++)
                {
                    candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                component.Name = candidate;
            }
        }
    }

    private static string FileStem(string path)
    {
        var dot = path.LastIndexOf('.');
        return (dot > path.LastIndexOf('/') ? path[..dot] : path).Replace('/', '.');
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
