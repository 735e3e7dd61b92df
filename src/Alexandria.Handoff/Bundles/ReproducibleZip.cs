using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Alexandria.Handoff.Bundles;

/// <summary>
/// A zip whose bytes depend only on its entries: names sorted ordinally, every timestamp fixed at 1980-01-01 00:00
/// (the zip format's epoch), no extra fields, the same compression for every entry.
/// </summary>
public static class ReproducibleZip
{
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Write(IEnumerable<BundleEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var item = zip.CreateEntry(entry.Name, CompressionLevel.Optimal);
                item.LastWriteTime = FixedTimestamp;
                using var stream = item.Open();
                stream.Write(entry.Bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Every entry of a zip, in the zip's order.</summary>
    public static IReadOnlyList<BundleEntry> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new BundleEntry(e.FullName, copy.ToArray());
        }).ToList();
    }
}
