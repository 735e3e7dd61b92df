using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Alexandria.Handoff.Preflight;

namespace Alexandria.Handoff.Bundles;

/// <summary>
/// <c>handoff verify &lt;zip&gt;</c>: every entry matches the MANIFEST.md inside the zip (name, size, SHA-256; none
/// missing, none extra), and when the MANIFEST.md beside the zip names it, the zip's own SHA-256 matches too.
/// </summary>
public static class BundleVerifier
{
    public static IReadOnlyList<string> Verify(string zipPath)
    {
        if (!File.Exists(zipPath))
        {
            return [zipPath + ": no such file"];
        }

        IReadOnlyList<BundleEntry> entries;
        try
        {
            entries = ReproducibleZip.Read(zipPath);
        }
        catch (InvalidDataException e)
        {
            return [zipPath + ": not a zip file: " + e.Message];
        }

        var manifestEntry = entries.FirstOrDefault(e => e.Name == Manifest.EntryName);
        if (manifestEntry is null)
        {
            return [zipPath + ": no " + Manifest.EntryName + " inside"];
        }

        var problems = new List<string>();
        var manifest = Encoding.UTF8.GetString(manifestEntry.Bytes);
        var rows = Manifest.Rows(manifest).ToDictionary(r => r.Path, StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Name != Manifest.EntryName))
        {
            if (!rows.Remove(entry.Name, out var row))
            {
                problems.Add(entry.Name + ": in the zip but not in the manifest");
            }
            else if (row.Sha256 != Hashing.Sha256(entry.Bytes) || row.Bytes != entry.Bytes.Length)
            {
                problems.Add(entry.Name + ": SHA-256 " + Hashing.Sha256(entry.Bytes) + " (" + entry.Bytes.Length + " bytes) differs from the manifest's " + row.Sha256 + " (" + row.Bytes + " bytes)");
            }
        }

        problems.AddRange(rows.Keys.Select(missing => missing + ": in the manifest but not in the zip"));

        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(zipPath))!, Manifest.EntryName);
        if (File.Exists(beside))
        {
            var outer = File.ReadAllText(beside);
            var hash = Manifest.Field(outer, "bundle_sha256");
            if (Manifest.Field(outer, "bundle") == Path.GetFileName(zipPath) && hash is not null && hash != Hashing.FileSha256(zipPath))
            {
                problems.Add(Path.GetFileName(zipPath) + ": SHA-256 " + Hashing.FileSha256(zipPath) + " differs from " + beside + " (" + hash + ")");
            }
        }

        return problems;
    }
}
