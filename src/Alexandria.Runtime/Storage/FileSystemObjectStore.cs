using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Filesystem object store, run-addressed and content-addressed:
/// <c>&lt;root&gt;/runs/&lt;run_id&gt;/objects/&lt;sha256[0..2]&gt;/&lt;sha256&gt;</c>.
/// </summary>
/// <remarks>
/// Content addressing makes writes idempotent and makes the file name the integrity check: every
/// read re-hashes the bytes and refuses to return them if they changed. Writes go to a temp file in
/// the same directory, are fsynced, renamed into place and the directory is fsynced, so an object is
/// either absent or whole, even across a crash. An interrupted write can leave a <c>.tmp-*</c> file
/// behind; it is never read and can be deleted at any time.
/// </remarks>
public sealed class FileSystemObjectStore : IObjectStore
{
    private readonly string _root;

    // The root with its trailing separator: what ToFullPath (Path.Combine) puts before a relative object path.
    private readonly string _rootPrefix;

    // Per run, the object directories this store created or found: a put into one of them does not stat its way up to
    // the root first. Should one be deleted behind the store's back, the write finds out and creates it again.
    private readonly ConcurrentDictionary<string, RunDirectories> _directories = new(StringComparer.Ordinal);

    // The one open objects/ directory (see AcquireObjectsHandle), and the run it belongs to.
    private readonly Lock _handleGate = new();
    private SafeFileHandle? _objectsHandle;
    private RunDirectories? _handleOwner;

    /// <summary>Creates a store rooted at <paramref name="rootDirectory"/> (created on first write).</summary>
    public FileSystemObjectStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
        _rootPrefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute root directory.</summary>
    public string RootDirectory => _root;

    /// <summary>The store-relative path of an object, <c>runs/&lt;run_id&gt;/objects/&lt;aa&gt;/&lt;sha256&gt;</c>.</summary>
    public static string GetObjectPath(string runId, string sha256)
    {
        StorageNames.ValidateRunId(runId);
        StorageNames.ValidateSha256(sha256);
        return $"runs/{runId}/objects/{sha256[..2]}/{sha256}";
    }

    /// <inheritdoc />
    /// <remarks>Done synchronously (hash, temp file, fsync, rename, directory fsync): the bytes are already in memory.</remarks>
    public Task<ObjectPointer> PutAsync(string runId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Put(runId, content.Span, cancellationToken));
        }
        catch (Exception ex)
        {
            return Task.FromException<ObjectPointer>(ex);
        }
    }

    /// <inheritdoc />
    public Task<ObjectPointer> PutAsync(string runId, Stream content, CancellationToken cancellationToken = default)
        => PutStreamAsync(runId, content, expected: null, cancellationToken);

    /// <inheritdoc />
    public Task<ObjectPointer> PutExpectedAsync(string runId, Stream content, string expectedSha256, long expectedSizeBytes, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateSha256(expectedSha256);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSizeBytes);
        return PutStreamAsync(runId, content, (expectedSha256, expectedSizeBytes), cancellationToken);
    }

    private async Task<ObjectPointer> PutStreamAsync(string runId, Stream content, (string Sha256, long SizeBytes)? expected, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        ArgumentNullException.ThrowIfNull(content);
        string objectsDirectory = Path.Combine(_root, "runs", runId, "objects");
        DurableFile.CreateDirectoryDurably(objectsDirectory);
        string temp = DurableFile.NewTempPath(objectsDirectory);
        try
        {
            string sha256;
            long size;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                byte[] buffer = new byte[81920];
                int read;
                size = 0;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (expected is { } tooMany && size > tooMany.SizeBytes)
                    {
                        // Refuse as soon as the bytes outgrow what was promised, so a hostile upload cannot fill the disk.
                        throw new ObjectContentMismatchException(tooMany.Sha256, tooMany.SizeBytes, null, size);
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                output.Flush(flushToDisk: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (expected is { } promised && (promised.SizeBytes != size || !string.Equals(promised.Sha256, sha256, StringComparison.Ordinal)))
            {
                throw new ObjectContentMismatchException(promised.Sha256, promised.SizeBytes, sha256, size);
            }

            var pointer = new ObjectPointer(runId, sha256, size, GetObjectPath(runId, sha256));
            string target = ToFullPath(pointer.ObjectPath);
            if (IsWhole(target, size))
            {
                DurableFile.TryDelete(temp);
                return pointer;
            }

            string directory = Path.GetDirectoryName(target)!;
            DurableFile.CreateDirectoryDurably(directory);
            PortableFileReplace.Replace(temp, target);
            DurableFile.FsyncDirectory(directory);
            DurableFile.FsyncDirectory(objectsDirectory);
            return pointer;
        }
        catch
        {
            DurableFile.TryDelete(temp);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<ObjectReadStream> OpenReadAsync(string runId, string sha256, CancellationToken cancellationToken = default)
    {
        string objectPath = GetObjectPath(runId, sha256);
        FileStream file;
        try
        {
            file = PortableFileReplace.OpenSharedRead(ToFullPath(objectPath));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(objectPath);
        }

        try
        {
            byte[] digest = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            string actual = Convert.ToHexStringLower(digest);
            if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            {
                throw new ArtifactTamperedException(objectPath, sha256, actual);
            }

            return new ObjectReadStream(file, sha256, 0, file.Length);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(string runId, string sha256, CancellationToken cancellationToken = default)
    {
        string objectPath = GetObjectPath(runId, sha256);
        byte[] bytes;
        try
        {
            bytes = await PortableFileReplace.ReadAllBytesSharedAsync(ToFullPath(objectPath), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(objectPath);
        }

        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new ArtifactTamperedException(objectPath, sha256, actual);
        }

        return bytes;
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string runId, string sha256, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        StorageNames.ValidateRunId(runId);
        StorageNames.ValidateSha256(sha256);

        // The absolute path in one string (not the relative path, then the absolute one built from it).
        string path = string.Create(CultureInfo.InvariantCulture, $"{_rootPrefix}runs/{runId}/objects/{sha256.AsSpan(0, 2)}/{sha256}");
        return File.Exists(path) ? s_true : s_false;
    }

    // Answers of ExistsAsync, made once (Task.FromResult allocates a task per call).
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);

    private ObjectPointer Put(string runId, ReadOnlySpan<byte> content, CancellationToken cancellationToken)
    {
        StorageNames.ValidateRunId(runId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        string sha256 = Convert.ToHexStringLower(digest);
        var pointer = new ObjectPointer(runId, sha256, content.Length, $"runs/{runId}/objects/{sha256.AsSpan(0, 2)}/{sha256}");
        string target = ToFullPath(pointer.ObjectPath);
        ReadOnlySpan<char> directory = target.AsSpan(0, target.Length - 1 - sha256.Length);
        RunDirectories run = _directories.GetOrAdd(runId, static (id, store) => new RunDirectories(Path.Combine(store._root, "runs", id, "objects"), store), this);
        bool created = run.Ensure(digest[0], directory);

        // A directory made just now holds nothing yet, so there is nothing to find in it.
        if (!created && IsWhole(target, content.Length))
        {
            return pointer;
        }

        try
        {
            DurableFile.WriteAtomically(target, directory, content, cancellationToken);
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted since this store made it: forget what is known of the run's directories, make them again, durably.
            run.Forget();
            DurableFile.CreateDirectoryDurably(directory.ToString());
            DurableFile.WriteAtomically(target, directory, content, cancellationToken);
        }

        return pointer;
    }

    /// <summary>
    /// The open <c>objects/</c> directory of <paramref name="run"/> (Linux): one descriptor, for the run last given a new
    /// fan-out directory, so a store writing many runs keeps one open, not one per run. Closed when the store is
    /// disposed (<see cref="FileSystem.FileSystemRuntimeStore"/>), when another run needs it, or when the directory was lost.
    /// </summary>
    /// <remarks>The caller releases the returned handle with <see cref="SafeHandle.DangerousRelease"/>.</remarks>
    private SafeFileHandle AcquireObjectsHandle(RunDirectories run)
    {
        lock (_handleGate)
        {
            if (!ReferenceEquals(_handleOwner, run) || _objectsHandle is null)
            {
                _objectsHandle?.Dispose();
                _objectsHandle = null;
                _objectsHandle = DurableFile.OpenDirectory(run.Objects);
                _handleOwner = run;
            }

            bool added = false;
            _objectsHandle.DangerousAddRef(ref added);
            return _objectsHandle;
        }
    }

    private void ForgetHandle(RunDirectories run)
    {
        lock (_handleGate)
        {
            if (ReferenceEquals(_handleOwner, run))
            {
                // A handle in use by another put stays open until that call lets go of it (SafeHandle reference counting).
                _objectsHandle?.Dispose();
                _objectsHandle = null;
                _handleOwner = null;
            }
        }
    }

    /// <summary>Closes the open directory handle, if any (the store stays usable: the next put opens one again).</summary>
    internal void CloseHandles()
    {
        lock (_handleGate)
        {
            _objectsHandle?.Dispose();
            _objectsHandle = null;
            _handleOwner = null;
        }
    }

    /// <summary>The absolute file path of a store-relative object path.</summary>
    public string ToFullPath(string objectPath) => Path.Combine(_root, objectPath);

    /// <summary>
    /// The object directories of one run known to exist: <c>objects/</c>, and its <c>aa/</c> fan-out as one bit per first
    /// hash byte (the path itself is a slice of the object's, so nothing per directory is kept).
    /// </summary>
    private sealed class RunDirectories(string objects, FileSystemObjectStore store)
    {
        private readonly long[] _known = new long[4];
        private volatile bool _objectsExist;

        /// <summary>Makes sure <paramref name="directory"/>, the fan-out directory of <paramref name="firstByte"/>, exists; true when it was created just now.</summary>
        public bool Ensure(byte firstByte, ReadOnlySpan<char> directory)
        {
            long bit = 1L << (firstByte & 63);
            ref long word = ref _known[firstByte >> 6];
            if ((Volatile.Read(ref word) & bit) != 0)
            {
                return false;
            }

            if (!_objectsExist)
            {
                DurableFile.CreateDirectoryDurably(objects);
                _objectsExist = true;
            }

            bool created;
            try
            {
                // Linux: mkdirat + fsync on the run's open objects/ directory (no open and close of it per new fan-out
                // directory); elsewhere by path.
                created = DurableFile.DirectOpen
                    ? CreateThroughHandle(directory[^2..])
                    : DurableFile.CreateChildDirectoryDurably(directory, objects);
            }
            catch (DirectoryNotFoundException)
            {
                Forget();
                DurableFile.CreateDirectoryDurably(directory.ToString());
                _objectsExist = true;
                created = true;
            }

            Interlocked.Or(ref word, bit);
            return created;
        }

        public string Objects => objects;

        private bool CreateThroughHandle(ReadOnlySpan<char> name)
        {
            // Referenced while in use: another run taking the store's one handle over closes it only after this lets go.
            SafeFileHandle handle = store.AcquireObjectsHandle(this);
            try
            {
                return DurableFile.CreateChildDirectoryDurably(handle, name, objects);
            }
            finally
            {
                handle.DangerousRelease();
            }
        }

        public void Forget()
        {
            store.ForgetHandle(this);
            _objectsExist = false;
            for (int i = 0; i < _known.Length; i++)
            {
                Volatile.Write(ref _known[i], 0);
            }
        }
    }

    // A same-length file under a content address was written by a completed rename, so it is the same
    // content unless tampered with, which reads detect. A different length means damage: rewrite it.
    private static bool IsWhole(string path, long expectedLength)
    {
        // The usual answer is "absent": one stat, no FileInfo.
        if (!File.Exists(path))
        {
            return false;
        }

        var info = new FileInfo(path);
        return info.Exists && info.Length == expectedLength;
    }
}
