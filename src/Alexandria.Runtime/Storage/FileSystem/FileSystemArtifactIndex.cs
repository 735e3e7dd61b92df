using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Embedded artifact index: per run, an append-only segment of artifact rows in
/// <c>runs/&lt;run_id&gt;/artifacts/</c>. Lookups by hash scan every run's index, which is fine for one
/// machine; the Postgres backend has real indexes for that. Lookups by id (and the uniqueness check of every
/// registration) use an in-memory map of every run's ids, rebuilt by such a scan only when another writer registered
/// since (see <see cref="RegistrationGeneration"/>), so a registration costs the same in a store of ten runs or ten
/// thousand.
/// </summary>
internal sealed class FileSystemArtifactIndex : IArtifactIndex, IArtifactRegistrar, IDisposable
{
    /// <summary>The store-wide registration lock file, under the root; it also holds the <see cref="RegistrationGeneration"/>.</summary>
    public const string LockFileName = "artifacts.lock";

    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly int _inlineLimitBytes;
    private readonly ConcurrentDictionary<string, RunArtifacts> _runs = new(StringComparer.Ordinal);

    // Store-wide: artifact ids are unique across runs (the Postgres primary key), so the check of every run
    // and the append must not interleave with another registration, in this process or another.
    private readonly StreamLock _registration;

    // Every registered artifact of every run, by id, complete as of generation _mapGeneration (-1: not built yet).
    // Guarded by _registration.
    private readonly Dictionary<Guid, ArtifactMetadata> _byId = new();
    private long _mapGeneration = -1;

    public FileSystemArtifactIndex(string root, long segmentMaxBytes, int inlineLimitBytes)
    {
        _root = root;
        _segmentMaxBytes = segmentMaxBytes;
        _inlineLimitBytes = inlineLimitBytes;
        _registration = new StreamLock(Path.Combine(root, LockFileName));
    }

    public async Task RegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        if (await GetOrRegisterAsync(artifact, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ArtifactAlreadyRegisteredException(artifact.ArtifactId);
        }
    }

    /// <inheritdoc />
    public async Task<ArtifactMetadata?> GetOrRegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken)
    {
        StorageGuards.Artifact(artifact, _inlineLimitBytes);
        DateTimeOffset createdAt = StorageTime.Normalize(artifact.CreatedAt);
        if (createdAt != artifact.CreatedAt || createdAt.Offset != artifact.CreatedAt.Offset)
        {
            artifact = artifact with { CreatedAt = createdAt };
        }

        using StreamLock.Releaser registering = await _registration.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        long generation = await CatchUpAsync(registering.File!, cancellationToken).ConfigureAwait(false);
        if (_byId.TryGetValue(artifact.ArtifactId, out ArtifactMetadata? existing))
        {
            return existing;
        }

        // Bumped before the row is written: a writer that dies in between makes the others rescan, never miss a row.
        _mapGeneration = -1;
        RegistrationGeneration.Write(registering.File!, generation + 1);

        RunArtifacts run = GetRun(artifact.RunId);
        using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            run.Refresh(repair: true);
            foreach (ArtifactMetadata row in run.Rows)
            {
                if (row.ArtifactId == artifact.ArtifactId)
                {
                    return row;
                }
            }

            ArtifactRecord.Append(run.Log, artifact);
            run.Rows.Add(artifact);
        }
        catch
        {
            run.Reset();
            throw;
        }

        _byId[artifact.ArtifactId] = artifact;
        _mapGeneration = generation + 1;
        return null;
    }

    public async Task<ArtifactMetadata?> GetAsync(Guid artifactId, CancellationToken cancellationToken = default)
    {
        // Under the registration lock, so no registration is half done while the map is checked or rebuilt.
        using StreamLock.Releaser registering = await _registration.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        await CatchUpAsync(registering.File!, cancellationToken).ConfigureAwait(false);
        return _byId.TryGetValue(artifactId, out ArtifactMetadata? found) ? found : null;
    }

    /// <summary>
    /// Makes <see cref="_byId"/> complete: when the lock file's generation is not the one the map was built at (another
    /// writer registered, or this is the first look), every run's index is read again. Returns the generation. The caller
    /// holds the registration lock.
    /// </summary>
    private async Task<long> CatchUpAsync(SafeFileHandle lockFile, CancellationToken cancellationToken)
    {
        long generation = RegistrationGeneration.Read(lockFile);
        if (generation == _mapGeneration)
        {
            return generation;
        }

        _byId.Clear();
        foreach (string runId in ListRuns())
        {
            foreach (ArtifactMetadata row in await FindByRunAsync(runId, null, cancellationToken).ConfigureAwait(false))
            {
                _byId.TryAdd(row.ArtifactId, row);
            }
        }

        _mapGeneration = generation;
        return generation;
    }

    public async Task<IReadOnlyList<ArtifactMetadata>> FindByRunAsync(string runId, long? stepId = null, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateRunId(runId);
        RunArtifacts run = GetRun(runId);
        using StreamLock.Releaser held = await run.Lock.EnterAsync(cancellationToken).ConfigureAwait(false);
        run.Refresh(repair: false);
        return run.Rows
            .Where(row => stepId is null || row.StepId == stepId)
            .OrderBy(row => row.CreatedAt)
            .ToList();
    }

    public async Task<IReadOnlyList<ArtifactMetadata>> FindByHashAsync(string sha256, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateSha256(sha256);
        var found = new List<ArtifactMetadata>();
        foreach (string runId in ListRuns())
        {
            IReadOnlyList<ArtifactMetadata> rows = await FindByRunAsync(runId, null, cancellationToken).ConfigureAwait(false);
            found.AddRange(rows.Where(row => row.Hash == sha256));
        }

        return found.OrderBy(row => row.CreatedAt).ToList();
    }

    public void Dispose()
    {
        foreach (RunArtifacts run in _runs.Values)
        {
            run.Dispose();
        }

        _runs.Clear();
        _registration.Dispose();
    }

    private IEnumerable<string> ListRuns()
    {
        string runs = Path.Combine(_root, "runs");
        if (!Directory.Exists(runs))
        {
            return Array.Empty<string>();
        }

        // Entries the store did not write (not a run id: "Bad.Name", an editor's backup) are skipped, never
        // fatal; `alexandria doctor` lists them as strays.
        return Directory.EnumerateDirectories(runs)
            .Where(directory => Directory.Exists(Path.Combine(directory, "artifacts")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(StorageNames.IsValidRunId)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private RunArtifacts GetRun(string runId) =>
        // A static factory: no delegate allocated per look-up (this runs on every append and read).
        _runs.GetOrAdd(runId, static (id, index) => new RunArtifacts(Path.Combine(index._root, "runs", id, "artifacts"), index._segmentMaxBytes), this);

    /// <summary>What is known about one run's artifact segment; guarded by <see cref="Lock"/>.</summary>
    private sealed class RunArtifacts : IDisposable
    {
        private readonly SegmentLog.RecordVisitor _takeIn;

        public RunArtifacts(string directory, long segmentMaxBytes)
        {
            Log = new SegmentLog(directory, "artifacts", segmentMaxBytes);
            Lock = new StreamLock(directory, "lock");
            _takeIn = (_, payload) =>
            {
                Rows.Add(ArtifactRecord.Decode(payload));
                return true;
            };
        }

        public SegmentLog Log { get; }

        public StreamLock Lock { get; }

        public List<ArtifactMetadata> Rows { get; } = new();

        public void Refresh(bool repair) => Log.Refresh(repair, _takeIn);

        public void Reset()
        {
            Log.Reset();
            Rows.Clear();
        }

        public void Dispose()
        {
            Log.Dispose();
            Lock.Dispose();
        }
    }
}
