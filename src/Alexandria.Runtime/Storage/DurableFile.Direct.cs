using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Files opened with <c>open(2)</c> directly (Linux): .NET's own open emulates Windows share modes with a
/// <c>flock</c> on every file it opens (taken, and for <see cref="FileShare.None"/> dropped again before the close),
/// plus an <c>fstatfs</c> or an <c>lseek</c> to learn what the file is. A temp file that no other process can know
/// the name of, and a lock file whose lock is taken explicitly, need none of that: each costs 3 system calls less.
/// </summary>
internal static partial class DurableFile
{
    // Linux's open flags (the same on x64 and arm64): O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_CLOEXEC.
    private const int WriteOnly = 0x1;
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;

    /// <summary>True where the direct calls below are used (elsewhere callers keep .NET's file API).</summary>
    public static bool DirectOpen => OperatingSystem.IsLinux();

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist), writes <paramref name="content"/> and fsyncs it: one
    /// <c>open(O_CREAT|O_EXCL)</c>, the writes, one <c>fsync</c> and the close. Throws
    /// <see cref="DirectoryNotFoundException"/> (having created nothing) when the directory is missing. Linux only.
    /// </summary>
    /// <param name="path">The file to create.</param>
    /// <param name="content">Its bytes.</param>
    /// <param name="created">Set once the file exists (also when the write then fails: the caller deletes it).</param>
    public static void CreateWriteSync(string path, ReadOnlySpan<byte> content, out bool created)
    {
        created = false;
        int fd;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(path, stack))
        {
            fd = OpenWithMode(ref native.Pointer, WriteOnly | Create | Exclusive | CloseOnExec, 0x1B6 /* 0666, less the umask */);
        }

        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == NoSuchEntry
                ? new DirectoryNotFoundException($"Could not find a part of the path '{path}'.")
                : new IOException($"Cannot create '{path}' (errno {errno}).");
        }

        created = true;
        try
        {
            long written = 0;
            while (written < content.Length)
            {
                nint n = PositionalWrite(fd, ref MemoryMarshal.GetReference(content[(int)written..]), content.Length - (int)written, written);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted)
                    {
                        continue;
                    }

                    throw new IOException($"Cannot write '{path}' (errno {errno}).");
                }

                written += n;
            }

            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Opens (creating it when missing) a lock file for reading and writing, with no lock taken: the caller takes its
    /// <c>flock</c> explicitly. Throws <see cref="DirectoryNotFoundException"/> when the directory is missing. Linux only.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenLockFile(string path)
    {
        int fd;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(path, stack))
        {
            fd = OpenWithMode(ref native.Pointer, ReadWrite | Create | CloseOnExec, 0x1B6);
        }

        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == NoSuchEntry
                ? new DirectoryNotFoundException($"Could not find a part of the path '{path}'.")
                : new IOException($"Cannot open the lock file '{path}' (errno {errno}).");
        }

        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int OpenWithMode(ref byte path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PositionalWrite(int fd, ref byte buffer, nint count, long offset);
}
