using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Exclusive writer lock of one stream (a run's events, snapshots or artifacts), held only for the
/// duration of one commit. Inside the process a semaphore queues writers; across processes the lock file
/// carries a <c>flock(LOCK_EX)</c> on Unix and a share-mode lock (opened with <see cref="FileShare.None"/>)
/// on Windows. The kernel drops it when a holder dies, so a crashed writer never leaves the run locked.
/// </summary>
/// <remarks>
/// On Unix the lock file stays open between commits (one open per lock, not per commit) and each commit takes and
/// drops the <c>flock</c> on that handle: the same kernel lock, and the same exclusion, as opening the file with
/// <see cref="FileShare.None"/> (which is how .NET, earlier versions of this store and <c>alexandria doctor</c> take
/// it), without an open and a close per commit. Between commits nothing is held, so another process's writer gets in
/// exactly as before. Windows has no lock that outlives the open of a handle that way, so there the file is still
/// opened per commit. The lock file is part of the store's layout: it is never deleted while a process has the store
/// open (<c>alexandria doctor</c> moves runs only while nothing else writes).
/// </remarks>
internal sealed class StreamLock : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly string _fileName;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _path;
    private bool _directoryExists;

    // Unix: the lock file, open for the life of this lock; guarded by _gate.
    private SafeFileHandle? _handle;

    public StreamLock(string path)
        : this(Path.GetDirectoryName(path)!, Path.GetFileName(path))
    {
        _path = path;
    }

    /// <summary>The lock file <paramref name="fileName"/> in <paramref name="directory"/>; its path is built on the first file lock (readers need none).</summary>
    public StreamLock(string directory, string fileName)
    {
        _directory = directory;
        _fileName = fileName;
    }

    private string LockPath => _path ??= Path.Combine(_directory, _fileName);

    /// <summary>Serialises in-process access only (readers use this).</summary>
    public ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        // Uncontended (the usual case) it completes at once, without allocating a task per read.
        Task wait = _gate.WaitAsync(cancellationToken);
        return wait.IsCompletedSuccessfully ? new ValueTask<Releaser>(new Releaser(this, null, unlock: false)) : Waited(wait);

        async ValueTask<Releaser> Waited(Task pending)
        {
            await pending.ConfigureAwait(false);
            return new Releaser(this, null, unlock: false);
        }
    }

    /// <summary>Takes the in-process gate and then the cross-process file lock (writers use this).</summary>
    public ValueTask<Releaser> EnterExclusiveAsync(CancellationToken cancellationToken)
    {
        Task wait = _gate.WaitAsync(cancellationToken);
        if (wait.IsCompletedSuccessfully)
        {
            try
            {
                // Uncontended, no other process holding the file: done without an await (and without a task).
                if (TryLockFile(out Releaser held))
                {
                    return new ValueTask<Releaser>(held);
                }
            }
            catch
            {
                _gate.Release();
                throw;
            }

            return LockFileAsync(cancellationToken);
        }

        return WaitThenLockFileAsync(wait, cancellationToken);
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
        _gate.Dispose();
    }

    private async ValueTask<Releaser> WaitThenLockFileAsync(Task wait, CancellationToken cancellationToken)
    {
        await wait.ConfigureAwait(false);
        try
        {
            if (TryLockFile(out Releaser held))
            {
                return held;
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }

        return await LockFileAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The gate is held; another process holds the file lock: tries again with a growing pause, up to <see cref="GiveUpAfter"/>.</summary>
    private async ValueTask<Releaser> LockFileAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            int delayMs = 1;
            while (true)
            {
                await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                delayMs = Math.Min(delayMs * 2, 20);
                if (TryLockFile(out Releaser held))
                {
                    return held;
                }

                if (stopwatch.Elapsed > GiveUpAfter)
                {
                    throw new IOException($"Timed out after {GiveUpAfter.TotalSeconds:0}s waiting for the writer lock '{LockPath}'.");
                }
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>One attempt at the file lock (the gate is held): false while another process holds it.</summary>
    private bool TryLockFile(out Releaser held)
    {
        held = default;
        if (OperatingSystem.IsWindows())
        {
            SafeFileHandle? file = OpenOnce(FileShare.None);
            if (file is null)
            {
                return false;
            }

            held = new Releaser(this, file, unlock: false);
            return true;
        }

        if (_handle is null)
        {
            // .NET takes a shared flock when it opens a file with sharing (it fails only while another process holds
            // the exclusive one); it is dropped at once, so between commits this handle holds nothing. On Linux the file
            // is opened directly, with no lock to drop.
            _handle = OpenOnce(FileShare.ReadWrite);
            if (_handle is null)
            {
                return false;
            }

            if (!DurableFile.DirectOpen)
            {
                FileLock.Unlock(_handle);
            }
        }

        if (!FileLock.TryLockExclusive(_handle))
        {
            return false;
        }

        held = new Releaser(this, _handle, unlock: true);
        return true;
    }

    /// <summary>Opens the lock file, creating it (and its directory) when missing; null while another process's lock blocks the open.</summary>
    private SafeFileHandle? OpenOnce(FileShare share)
    {
        // Created once per lock, not stat-ed on every commit; should the directory vanish later, the open below
        // finds out and it is created again, as before.
        if (!_directoryExists)
        {
            DurableFile.CreateDirectoryDurably(_directory);
            _directoryExists = true;
        }

        try
        {
            return Open(share);
        }
        catch (DirectoryNotFoundException)
        {
            DurableFile.CreateDirectoryDurably(_directory);
            return Open(share);
        }
        catch (IOException ex) when (IsBusy(ex))
        {
            return null;
        }

        // Linux: a plain open(2), no share-mode flock taken and dropped around it (the caller takes the lock itself).
        SafeFileHandle Open(FileShare mode) => mode != FileShare.None && DurableFile.DirectOpen
            ? DurableFile.OpenLockFile(LockPath)
            : File.OpenHandle(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, mode);
    }

    private static bool IsBusy(IOException ex) => ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException;

    /// <summary>Releases the file lock (if held) and the in-process gate.</summary>
    internal readonly struct Releaser : IDisposable
    {
        private readonly StreamLock _owner;
        private readonly SafeFileHandle? _file;
        private readonly bool _unlock;

        public Releaser(StreamLock owner, SafeFileHandle? file, bool unlock)
        {
            _owner = owner;
            _file = file;
            _unlock = unlock;
        }

        /// <summary>The open lock file while the cross-process lock is held (null for the in-process gate only).</summary>
        public SafeFileHandle? File => _file;

        public void Dispose()
        {
            if (_file is not null && !(_unlock && FileLock.Unlock(_file)))
            {
                // Windows (the open is the lock), or an unlock that failed: closing the handle drops the lock for sure.
                _file.Dispose();
                if (ReferenceEquals(_owner._handle, _file))
                {
                    _owner._handle = null;
                }
            }

            _owner._gate.Release();
        }
    }
}
