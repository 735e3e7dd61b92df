using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

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

    // Longer directories take the string path (the temp path is built on the stack).
    private const int MaxDirectTempDirectory = 1024;

    /// <summary>
    /// The Linux <see cref="WriteAtomically(string, ReadOnlySpan{char}, ReadOnlySpan{byte}, CancellationToken)"/> up to
    /// the directory fsync: the temp file is created with one <c>open(O_CREAT|O_EXCL)</c>, written, fsynced, closed and
    /// renamed over <paramref name="path"/>, its name built on the stack. Throws <see cref="DirectoryNotFoundException"/>,
    /// having created nothing, when the directory is missing; removes the temp file when a later step fails.
    /// </summary>
    private static void WriteAtomicallyDirect(string path, ReadOnlySpan<char> directory, ReadOnlySpan<byte> content)
    {
        Span<char> temp = stackalloc char[directory.Length + 1 + TempNameLength];
        directory.CopyTo(temp);
        temp[directory.Length] = Path.DirectorySeparatorChar;
        WriteTempName(temp[(directory.Length + 1)..]);

        Span<byte> tempStack = stackalloc byte[NativePath.StackBytes];
        using var native = new NativePath(temp, tempStack);
        int fd = OpenWithMode(ref native.Pointer, WriteOnly | Create | Exclusive | CloseOnExec, 0x1B6 /* 0666, less the umask */);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == NoSuchEntry
                ? new DirectoryNotFoundException($"Could not find a part of the path '{temp}'.")
                : new IOException($"Cannot create '{temp}' (errno {errno}).");
        }

        try
        {
            try
            {
                WriteAllAndSync(fd, content, temp);
            }
            finally
            {
                _ = Close(fd);
            }

            TestKillPoint.Reach(TestKillPoint.AtomicWriteTempSynced);
            Span<byte> targetStack = stackalloc byte[NativePath.StackBytes];
            using (var target = new NativePath(path, targetStack))
            {
                if (RenamePath(ref native.Pointer, ref target.Pointer) != 0)
                {
                    throw new IOException($"Cannot rename '{temp}' to '{path}' (errno {Marshal.GetLastPInvokeError()}).");
                }
            }

            TestKillPoint.Reach(TestKillPoint.AtomicWriteRenamed);
        }
        catch
        {
            // The temp file this call created goes (after the rename there is none left to remove, and unlink fails quietly).
            _ = Unlink(ref native.Pointer);
            throw;
        }
    }

    private static void WriteAllAndSync(int fd, ReadOnlySpan<byte> content, ReadOnlySpan<char> path)
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

    /// <summary>Opens a directory to create entries in it and fsync it (<see cref="CreateChildDirectoryDurably(SafeHandle, ReadOnlySpan{char}, string)"/>); Linux only.</summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenDirectory(string path)
    {
        int fd;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(path, stack))
        {
            fd = Open(ref native.Pointer, CloseOnExec /* O_RDONLY */ | 0x10000 /* O_DIRECTORY */);
        }

        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno == NoSuchEntry
                ? new DirectoryNotFoundException($"Directory '{path}' does not exist.")
                : new IOException($"Cannot open directory '{path}' (errno {errno}).");
        }

        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// <see cref="CreateChildDirectoryDurably(ReadOnlySpan{char}, string)"/> through an open handle of the parent
    /// (Linux): <c>mkdirat</c> + <c>fsync</c> on it, without opening and closing the parent for the fsync. The entry is
    /// made in the directory the handle refers to, and that is the one fsynced: should the parent have been deleted (and
    /// made again) since the handle was opened, <c>mkdirat</c> fails with ENOENT and this throws
    /// <see cref="DirectoryNotFoundException"/>, so the caller starts over by path.
    /// </summary>
    public static bool CreateChildDirectoryDurably(SafeHandle parentHandle, ReadOnlySpan<char> name, string parent)
    {
        int result;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(name, stack))
        {
            result = MakeDirectoryAt(parentHandle, ref native.Pointer, 0x1FF /* 0777, less the umask */);
        }

        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                AlreadyExists => false,
                NoSuchEntry => throw new DirectoryNotFoundException($"Directory '{parent}' does not exist."),
                _ => throw new IOException($"Cannot create directory '{name}' in '{parent}' (errno {errno})."),
            };
        }

        if (FsyncHandle(parentHandle) != 0)
        {
            throw new IOException($"fsync of directory '{parent}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    private static partial int MakeDirectoryAt(SafeHandle directory, ref byte name, uint mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncHandle(SafeHandle fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int OpenWithMode(ref byte path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static partial int RenamePath(ref byte source, ref byte target);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true)]
    private static partial int Unlink(ref byte path);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PositionalWrite(int fd, ref byte buffer, nint count, long offset);
}
