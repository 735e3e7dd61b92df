using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// The <c>latest</c> file that earlier versions wrote beside a run's snapshot segment as the commit
/// point of a format-1 snapshot record (see <see cref="SnapshotRecord"/>). It is no longer written;
/// it is read so that a legacy record appended after the version it names — an append that crashed
/// before its commit point — stays invisible and is cut by the next writer.
/// </summary>
internal readonly record struct LatestPointer(Guid SnapshotId, long Version)
{
    public const string Magic = "alexandria-snapshot-latest/1";

    public static LatestPointer? Read(string path)
    {
        if (!File.Exists(path))
        {
            // The usual case now; checked first so that reading a run does not throw and catch.
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        string[] lines = text.Split('\n');
        if (lines.Length < 3
            || lines[0] != Magic
            || !Guid.TryParseExact(lines[1], "D", out Guid id)
            || !long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out long version)
            || version < 1)
        {
            throw new StorageCorruptedException($"Snapshot pointer '{path}' is not a valid latest pointer.");
        }

        return new LatestPointer(id, version);
    }
}
