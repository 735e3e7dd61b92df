using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Exclusive writer lock of one stream (a run's events, snapshots or artifacts), held only for the
/// duration of one commit. Inside the process a semaphore queues writers; across processes the
/// lock file is opened with <see cref="FileShare.None"/>, which .NET maps to <c>flock(LOCK_EX)</c>
/// on Unix and to a share-mode lock on Windows. The kernel drops it when a holder dies, so a crashed
/// writer never leaves the run locked.
/// </summary>
internal sealed class StreamLock : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _directoryExists;

    public StreamLock(string path)
    {
        _path = path;
    }

    /// <summary>Serialises in-process access only (readers use this).</summary>
    public ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        // Uncontended (the usual case) it completes at once, without allocating a task per read.
        Task wait = _gate.WaitAsync(cancellationToken);
        return wait.IsCompletedSuccessfully ? new ValueTask<Releaser>(new Releaser(_gate, null)) : Waited(wait);

        async ValueTask<Releaser> Waited(Task pending)
        {
            await pending.ConfigureAwait(false);
            return new Releaser(_gate, null);
        }
    }

    /// <summary>Takes the in-process gate and then the cross-process file lock (writers use this).</summary>
    public async ValueTask<Releaser> EnterExclusiveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Created once per lock, not stat-ed on every commit; should the directory vanish later, the open below
            // finds out and it is created again, as before.
            if (!_directoryExists)
            {
                DurableFile.CreateDirectoryDurably(Path.GetDirectoryName(_path)!);
                _directoryExists = true;
            }

            var stopwatch = Stopwatch.StartNew();
            int delayMs = 1;
            while (true)
            {
                try
                {
                    var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                    return new Releaser(_gate, file);
                }
                catch (DirectoryNotFoundException) when (stopwatch.Elapsed <= GiveUpAfter)
                {
                    DurableFile.CreateDirectoryDurably(Path.GetDirectoryName(_path)!);
                }
                catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
                {
                    if (stopwatch.Elapsed > GiveUpAfter)
                    {
                        throw new IOException($"Timed out after {GiveUpAfter.TotalSeconds:0}s waiting for the writer lock '{_path}'.", ex);
                    }

                    await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                    delayMs = Math.Min(delayMs * 2, 20);
                }
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Releases the file lock (if held) and the in-process gate.</summary>
    internal readonly struct Releaser : IDisposable
    {
        private readonly SemaphoreSlim _gate;
        private readonly FileStream? _file;

        public Releaser(SemaphoreSlim gate, FileStream? file)
        {
            _gate = gate;
            _file = file;
        }

        /// <summary>The open lock file while the cross-process lock is held (null for the in-process gate only).</summary>
        public FileStream? File => _file;

        public void Dispose()
        {
            _file?.Dispose();
            _gate.Release();
        }
    }
}
