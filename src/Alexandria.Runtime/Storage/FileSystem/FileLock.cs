using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// <c>flock(2)</c> on an open handle (Unix only): the lock .NET itself takes for <see cref="FileShare.None"/>, taken and
/// dropped here without reopening the file, so a <see cref="StreamLock"/> keeps its lock file open across commits.
/// </summary>
internal static partial class FileLock
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockRelease = 8;
    private const int Interrupted = 4;

    // EWOULDBLOCK: EAGAIN (11) on Linux, 35 on macOS and the BSDs.
    private static readonly int s_wouldBlock = OperatingSystem.IsLinux() ? 11 : 35;

    /// <summary>Takes the exclusive lock without waiting; false while another open of the file (any process) holds a lock on it.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle)
    {
        while (Flock(handle, LockExclusive | LockNonBlocking) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == s_wouldBlock)
            {
                return false;
            }

            if (errno != Interrupted)
            {
                throw new IOException($"flock(LOCK_EX) failed (errno {errno}).");
            }
        }

        return true;
    }

    /// <summary>Drops the lock held through <paramref name="handle"/>; false if that failed (the caller then closes the handle).</summary>
    public static bool Unlock(SafeFileHandle handle)
    {
        while (Flock(handle, LockRelease) != 0)
        {
            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                return false;
            }
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
