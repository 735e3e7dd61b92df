using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Alexandria.Handoff.Preflight;

namespace Alexandria.Handoff.Bundles;

/// <summary>One manifest row: a bundle entry with its size and SHA-256.</summary>
public sealed record ManifestRow(string Path, long Bytes, string Sha256);

/// <summary>
/// MANIFEST.md of a closure bundle: the mission, then a table of every entry with its size and SHA-256. The same
/// text is the zip's MANIFEST.md entry; the copy in <c>artifacts/bundles/</c> adds the zip's own SHA-256.
/// </summary>
public static class Manifest
{
    public const string EntryName = "MANIFEST.md";

    public static string Render(string mission, string bundleName, DateTimeOffset createdAt, IEnumerable<BundleEntry> entries)
    {
        var text = new StringBuilder();
        text.Append("# Closure bundle manifest\n\n");
        text.Append("- mission: ").Append(mission).Append('\n');
        text.Append("- bundle: ").Append(bundleName).Append('\n');
        text.Append("- created_at_utc: ").Append(createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\n\n");
        text.Append("| path | bytes | sha256 |\n|---|---|---|\n");
        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            text.Append("| ").Append(entry.Name).Append(" | ").Append(entry.Bytes.Length.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(Hashing.Sha256(entry.Bytes)).Append(" |\n");
        }

        return text.ToString();
    }

    public static string WithBundleHash(string manifest, string bundleSha256) => manifest + "\n- bundle_sha256: " + bundleSha256 + "\n";

    public static IReadOnlyList<ManifestRow> Rows(string manifest)
        => manifest.Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| path ", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(c => c.Length >= 5)
            .Select(c => new ManifestRow(c[1], long.Parse(c[2], CultureInfo.InvariantCulture), c[3]))
            .ToList();

    /// <summary>The value of a "- key: value" line, or null.</summary>
    public static string? Field(string manifest, string key)
        => manifest.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith("- " + key + ": ", StringComparison.Ordinal))?[(key.Length + 4)..];
}
