using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Alexandria.OpenApi;

/// <summary>
/// Resolves a <c>$ref</c> the way a tool that loaded the description from a URL does: relative to the file that
/// holds it. Only references that stay inside the description's folder resolve, so the set of files a server
/// serves (and a bundle reads) is exactly what the references name and nothing above it.
/// </summary>
public static partial class DescriptionPath
{
    /// <summary>
    /// The target of <paramref name="reference"/>, found in <paramref name="from"/>; false with the reason in
    /// <paramref name="problem"/> when it leaves the folder or uses a form that cannot be served as a file.
    /// </summary>
    /// <param name="from">The file holding the reference (relative to the description's folder).</param>
    /// <param name="reference">The <c>$ref</c> value.</param>
    /// <param name="ids">Absolute <c>$id</c>s of the loaded documents, which a reference may also name.</param>
    /// <param name="target">The resolved file and pointer.</param>
    /// <param name="problem">Why it does not resolve.</param>
    public static bool TryResolve(string from, string reference, IReadOnlyDictionary<string, string> ids, out DescriptionReference target, out string problem)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(ids);
        target = default;
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var address = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : reference[(hash + 1)..];

        if (!TryPointer(fragment, out var pointer, out problem))
        {
            problem = $"$ref \"{reference}\": {problem}";
            return false;
        }

        string document;
        if (address.Length == 0)
        {
            document = from;
        }
        else if (Scheme().IsMatch(address))
        {
            if (!ids.TryGetValue(address, out var byId))
            {
                problem = $"$ref \"{reference}\" names an absolute URI; only references relative to the file (or to the $id of a file it loads) can be served and bundled";
                return false;
            }
            document = byId;
        }
        else if (!TryRelative(from, address, out document, out problem))
        {
            problem = $"$ref \"{reference}\" {problem}";
            return false;
        }

        target = new DescriptionReference(document, pointer);
        problem = "";
        return true;
    }

    /// <summary>True when <paramref name="reference"/> starts with a URI scheme (<c>https:</c>, <c>urn:</c>).</summary>
    public static bool IsAbsolute(string reference) => Scheme().IsMatch(reference);

    /// <summary><paramref name="address"/> (a relative URI path) against the folder of <paramref name="from"/>.</summary>
    private static bool TryRelative(string from, string address, out string document, out string problem)
    {
        document = "";
        if (address.StartsWith('/'))
        {
            problem = "starts at a root ('/'); write the path relative to the file that holds it";
            return false;
        }
        if (address.Contains('?', StringComparison.Ordinal) || address.Contains('\\', StringComparison.Ordinal))
        {
            problem = "has a query or a backslash; a reference names a file by a relative '/'-separated path";
            return false;
        }

        var segments = new List<string>(from.Split('/'));
        segments.RemoveAt(segments.Count - 1);
        foreach (var raw in address.Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw);
            if (segment.Length == 0 || segment.Contains('/', StringComparison.Ordinal) || segment.Contains('\\', StringComparison.Ordinal))
            {
                problem = "has an empty or encoded path segment";
                return false;
            }
            if (segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    problem = "leaves the description's folder; only files beside openapi.json (or below it) are served and bundled";
                    return false;
                }
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        document = string.Join('/', segments);
        problem = "";
        return true;
    }

    private static bool TryPointer(string fragment, out string pointer, out string problem)
    {
        pointer = Uri.UnescapeDataString(fragment);
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            problem = $"the fragment \"#{fragment}\" is a plain name ($anchor), not a JSON pointer; only JSON pointer fragments are served and bundled";
            return false;
        }
        problem = "";
        return true;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
