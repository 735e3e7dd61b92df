using System;
using System.Buffers.Binary;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// A counter kept in the store-wide <c>artifacts.lock</c> file, bumped by every artifact registration (in any process)
/// before its row is written, read and written only while the file lock is held. A process whose in-memory id map was
/// built at generation N knows it is still complete while the file says N: no other writer registered anything since,
/// so checking an id is a dictionary look-up instead of a scan of every run's index.
/// </summary>
/// <remarks>
/// Not fsynced, on purpose: it is a cache-validity hint, never a record. A process crash keeps it (page cache); a machine
/// crash may lose it, but then every process starts with no map and scans once. A file written by an earlier version
/// (empty) reads as 0.
/// </remarks>
internal static class RegistrationGeneration
{
    public static long Read(SafeFileHandle lockFile)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = RandomAccess.Read(lockFile, buffer[read..], read);
            if (n == 0)
            {
                return 0;
            }

            read += n;
        }

        return BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }

    public static void Write(SafeFileHandle lockFile, long generation)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, generation);
        RandomAccess.Write(lockFile, buffer, 0);
    }

    /// <summary>Bumps the generation of the store at <paramref name="root"/> from outside a store (after moving a run away).</summary>
    public static void Bump(string root)
    {
        using SafeFileHandle file = File.OpenHandle(Path.Combine(root, FileSystemArtifactIndex.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Write(file, Read(file) + 1);
    }
}
