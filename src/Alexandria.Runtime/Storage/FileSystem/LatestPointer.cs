using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// The <c>latest</c> file of a run's snapshots, the commit point of a snapshot append. It is only
/// ever replaced whole (temp + fsync + rename + directory fsync), and only after the snapshot
/// record it names is durable, so it never names a missing snapshot.
/// </summary>
internal readonly record struct LatestPointer(Guid SnapshotId, long Version)
{
    private const string Magic = "alexandria-snapshot-latest/1";

    public static LatestPointer? Read(string path)
    {
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

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        DurableFile.WriteAtomicallyAsync(
            path,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Magic}\n{SnapshotId:D}\n{Version}\n")),
            cancellationToken);
}
