using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// The few primitives every durable write is built from: fsync of a file, fsync of a directory
/// (so a create or rename survives power loss), and write-temp-then-rename replacement.
/// </summary>
internal static partial class DurableFile
{
    private const string TempPrefix = ".tmp-";

    /// <summary>True for names produced by <see cref="NewTempPath"/>; such files are leftovers of an interrupted write.</summary>
    public static bool IsTempFile(string fileName) => fileName.StartsWith(TempPrefix, StringComparison.Ordinal);

    public static string NewTempPath(string directory) =>
        Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Makes the directory entries of <paramref name="directory"/> durable. .NET has no API for this;
    /// on Unix it is open(O_RDONLY) + fsync. Windows (NTFS) journals metadata, so it is a no-op there.
    /// </summary>
    public static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Creates a directory (and parents) and makes each newly created entry durable.</summary>
    public static void CreateDirectoryDurably(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (Directory.Exists(full))
        {
            return;
        }

        string? parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            CreateDirectoryDurably(parent);
        }

        Directory.CreateDirectory(full);
        if (parent is not null)
        {
            FsyncDirectory(parent);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> so that a reader sees either the
    /// old file or the new one, never a mix: write a temp file, fsync it, rename over, fsync the directory.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, CancellationToken cancellationToken)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temp = NewTempPath(directory);
        try
        {
            // A synchronous write: these are small (packets, chunks, results) and fsynced anyway; an asynchronous
            // FileStream would hop to a thread-pool thread and back for each one, which costs more than the write.
            cancellationToken.ThrowIfCancellationRequested();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            TestKillPoint.Reach(TestKillPoint.AtomicWriteTempSynced);
            PortableFileReplace.Replace(temp, path);
            TestKillPoint.Reach(TestKillPoint.AtomicWriteRenamed);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        FsyncDirectory(directory);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
