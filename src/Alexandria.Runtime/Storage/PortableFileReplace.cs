using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Rename-over and shared reads that behave the same on Windows as on Unix.
/// </summary>
/// <remarks>
/// On Unix a rename over a file replaces it even while readers hold it open. On Windows the same
/// <see cref="File.Move(string, string, bool)"/> fails with a sharing violation while any handle on the
/// target was opened without <see cref="FileShare.Delete"/> — our own readers (which is why every read
/// goes through <see cref="OpenSharedRead"/>) or, outside our control, an anti-virus scanner or the
/// search indexer holding the file for a moment. The fallback is a short, bounded retry; a target that
/// stays locked is reported by name, never silently skipped.
/// </remarks>
internal static class PortableFileReplace
{
    /// <summary>How often a locked target is tried again, and the first pause (doubled each time).</summary>
    internal const int Attempts = 8;
    internal static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);

    /// <summary>Moves <paramref name="source"/> over <paramref name="target"/>, retrying while the target is held open.</summary>
    public static void Replace(string source, string target) =>
        Replace(source, target, static (from, to) => File.Move(from, to, overwrite: true), Thread.Sleep);

    /// <summary>The same, with the move and the pause injectable so the retry path is tested on any OS.</summary>
    internal static void Replace(string source, string target, Action<string, string> move, Action<TimeSpan> pause)
    {
        TimeSpan wait = FirstPause;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                move(source, target);
                return;
            }
            catch (Exception ex) when (IsSharingViolation(ex) && attempt < Attempts)
            {
                pause(wait);
                wait += wait;
            }
            catch (Exception ex) when (IsSharingViolation(ex))
            {
                throw new IOException(
                    $"Cannot replace '{target}': it stayed open in another process (without delete sharing) through {Attempts} attempts. " +
                    "Close whatever holds it (an editor, a scanner) and retry; nothing was written in its place.", ex);
            }
        }
    }

    /// <summary>
    /// Opens a file for reading so that a concurrent <see cref="Replace(string, string)"/> can still rename over it
    /// on Windows (the reader keeps the old bytes, as on Unix).
    /// </summary>
    public static FileStream OpenSharedRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1,
            FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>Reads a whole file through <see cref="OpenSharedRead"/>.</summary>
    public static async Task<byte[]> ReadAllBytesSharedAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = OpenSharedRead(path);
        byte[] bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    // Windows reports a held target as UnauthorizedAccessException (access denied on a file being deleted)
    // or as IOException with ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION; FileNotFound and the like are real errors.
    private static bool IsSharingViolation(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException or PathTooLongException => false,
        UnauthorizedAccessException => true,
        IOException io => (io.HResult & 0xFFFF) is 32 /* ERROR_SHARING_VIOLATION */ or 33 /* ERROR_LOCK_VIOLATION */ or 5 /* ERROR_ACCESS_DENIED */,
        _ => false,
    };
}
