using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// The few primitives every durable write is built from: fsync of a file, fsync of a directory
/// (so a create or rename survives power loss), and write-temp-then-rename replacement.
/// </summary>
internal static partial class DurableFile
{
    private const string TempPrefix = ".tmp-";

    // errno values, the same on Linux and macOS.
    private const int NoSuchEntry = 2;
    private const int AlreadyExists = 17;

    /// <summary>True for names produced by <see cref="NewTempPath(string)"/>; such files are leftovers of an interrupted write.</summary>
    public static bool IsTempFile(string fileName) => fileName.StartsWith(TempPrefix, StringComparison.Ordinal);

    // Temp names: a random per-process prefix and a counter (32 hex digits, as a GUID had), so naming a temp file costs
    // no read of the system's random source; a clash with another process is caught by the exclusive create anyway.
    private static readonly ulong s_tempPrefix = (ulong)Random.Shared.NextInt64() ^ (ulong)Environment.ProcessId;
    private static long s_tempCounter;

    public static string NewTempPath(string directory) => NewTempPath(directory.AsSpan());

    public static string NewTempPath(ReadOnlySpan<char> directory)
    {
        Span<char> name = stackalloc char[TempNameLength];
        WriteTempName(name);
        return string.Concat(directory, [Path.DirectorySeparatorChar], name);
    }

    // ".tmp-" and 32 hex digits.
    private const int TempNameLength = 5 + 32;

    /// <summary>Writes a new temp file name (no directory) into <paramref name="name"/>, <see cref="TempNameLength"/> characters.</summary>
    private static void WriteTempName(Span<char> name)
    {
        TempPrefix.CopyTo(name);
        s_tempPrefix.TryFormat(name.Slice(5, 16), out _, "x16", CultureInfo.InvariantCulture);
        ((ulong)Interlocked.Increment(ref s_tempCounter)).TryFormat(name.Slice(21, 16), out _, "x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Makes the directory entries of <paramref name="directory"/> durable. .NET has no API for this;
    /// on Unix it is open(O_RDONLY) + fsync. Windows (NTFS) journals metadata, so it is a no-op there.
    /// </summary>
    public static void FsyncDirectory(string directory) => FsyncDirectory(directory.AsSpan());

    /// <inheritdoc cref="FsyncDirectory(string)"/>
    public static void FsyncDirectory(ReadOnlySpan<char> directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(directory, stack))
        {
            fd = Open(ref native.Pointer, 0 /* O_RDONLY */);
        }

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
    /// Creates <paramref name="directory"/> (one level) inside <paramref name="parent"/>, which the caller knows exists,
    /// and makes its entry durable. Returns true when it was created, false when it existed already. Throws
    /// <see cref="DirectoryNotFoundException"/> when the parent is gone after all (the caller then starts over with
    /// <see cref="CreateDirectoryDurably"/>).
    /// </summary>
    public static bool CreateChildDirectoryDurably(ReadOnlySpan<char> directory, string parent)
    {
        if (OperatingSystem.IsWindows())
        {
            string path = directory.ToString();
            if (Directory.Exists(path))
            {
                return false;
            }

            if (!Directory.Exists(parent))
            {
                throw new DirectoryNotFoundException($"Directory '{parent}' does not exist.");
            }

            Directory.CreateDirectory(path);
            return true;
        }

        // One mkdir, no stat first: EEXIST is the answer "it was there".
        int result;
        Span<byte> stack = stackalloc byte[NativePath.StackBytes];
        using (var native = new NativePath(directory, stack))
        {
            result = MakeDirectory(ref native.Pointer, 0x1FF /* 0777, less the umask */);
        }

        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                AlreadyExists => false,
                NoSuchEntry => throw new DirectoryNotFoundException($"Directory '{parent}' does not exist."),
                _ => throw new IOException($"Cannot create directory '{directory}' (errno {errno})."),
            };
        }

        FsyncDirectory(parent);
        return true;
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> so that a reader sees either the
    /// old file or the new one, never a mix: write a temp file, fsync it, rename over, fsync the directory.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, CancellationToken cancellationToken) =>
        WriteAtomically(path, Path.GetDirectoryName(Path.GetFullPath(path))!, content, cancellationToken);

    /// <summary>
    /// <see cref="WriteAtomically(string, ReadOnlySpan{byte}, CancellationToken)"/> for a caller that knows the absolute
    /// <paramref name="directory"/> of <paramref name="path"/>. Throws <see cref="DirectoryNotFoundException"/>, having
    /// written nothing, when that directory does not exist.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<char> directory, ReadOnlySpan<byte> content, CancellationToken cancellationToken)
    {
        // A synchronous write: these are small (packets, chunks, results) and fsynced anyway; an asynchronous
        // write would hop to a thread-pool thread and back for each one, which costs more than the write.
        cancellationToken.ThrowIfCancellationRequested();
        if (DirectOpen && directory.Length <= MaxDirectTempDirectory)
        {
            // No other process knows the temp file's name: .NET's share-mode flock on it would guard nothing, and the
            // name itself never needs to be a string.
            WriteAtomicallyDirect(path, directory, content);
            FsyncDirectory(directory);
            return;
        }

        string temp = NewTempPath(directory);
        bool created = false;
        try
        {
            using (SafeFileHandle file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                RandomAccess.Write(file, content, 0);
                RandomAccess.FlushToDisk(file);
            }

            TestKillPoint.Reach(TestKillPoint.AtomicWriteTempSynced);
            Rename(temp, path);
            TestKillPoint.Reach(TestKillPoint.AtomicWriteRenamed);
        }
        catch when (created)
        {
            // Only a temp file this call created is removed (a failed create, say a missing directory, made none).
            TryDelete(temp);
            throw;
        }

        FsyncDirectory(directory);
    }

    /// <summary>
    /// Moves <paramref name="source"/> over <paramref name="target"/>: on Unix one <c>rename(2)</c> (atomic, and
    /// <see cref="File.Move(string, string, bool)"/> would stat the source first); on Windows the retrying
    /// <see cref="PortableFileReplace"/>.
    /// </summary>
    private static void Rename(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            PortableFileReplace.Replace(source, target);
            return;
        }

        if (RenameFile(source, target) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot rename '{source}' to '{target}' (errno {errno}).");
        }
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

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(ref byte path, int flags);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static partial int MakeDirectory(ref byte path, uint mode);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameFile(string source, string target);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>A path as the NUL-terminated UTF-8 a system call takes, on the stack when it fits (no string needed).</summary>
    private ref struct NativePath
    {
        public const int StackBytes = 512;

        private readonly byte[]? _rented;
        private readonly Span<byte> _bytes;

        public NativePath(ReadOnlySpan<char> path, Span<byte> stack)
        {
            int max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            _rented = max > stack.Length ? ArrayPool<byte>.Shared.Rent(max) : null;
            _bytes = _rented ?? stack;
            int length = Encoding.UTF8.GetBytes(path, _bytes);
            _bytes[length] = 0;
        }

        public readonly ref byte Pointer => ref MemoryMarshal.GetReference(_bytes);

        public readonly void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }
}
