using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>
/// Embedded artifact index: per run, an append-only segment of artifact rows in
/// <c>runs/&lt;run_id&gt;/artifacts/</c>. Lookups by id or hash scan every run's index, which is
/// fine for one machine; the Postgres backend has real indexes for that.
/// </summary>
internal sealed class FileSystemArtifactIndex : IArtifactIndex, IDisposable
{
    private readonly string _root;
    private readonly long _segmentMaxBytes;
    private readonly int _inlineLimitBytes;
    private readonly ConcurrentDictionary<string, RunArtifacts> _runs = new(StringComparer.Ordinal);

    // Store-wide: artifact ids are unique across runs (the Postgres primary key), so the check of every run
    // and the append must not interleave with another registration, in this process or another.
    private readonly StreamLock _registration;

    public FileSystemArtifactIndex(string root, long segmentMaxBytes, int inlineLimitBytes)
    {
        _root = root;
        _segmentMaxBytes = segmentMaxBytes;
        _inlineLimitBytes = inlineLimitBytes;
        _registration = new StreamLock(Path.Combine(root, "artifacts.lock"));
    }

    public async Task RegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        StorageGuards.Artifact(artifact, _inlineLimitBytes);
        artifact = artifact with { CreatedAt = StorageTime.Normalize(artifact.CreatedAt) };

        using StreamLock.Releaser registering = await _registration.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        if (await GetAsync(artifact.ArtifactId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ArtifactAlreadyRegisteredException(artifact.ArtifactId);
        }

        RunArtifacts run = GetRun(artifact.RunId);
        using StreamLock.Releaser held = await run.Lock.EnterExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            run.Refresh(repair: true);
            if (run.Rows.Any(row => row.ArtifactId == artifact.ArtifactId))
            {
                throw new ArtifactAlreadyRegisteredException(artifact.ArtifactId);
            }

            run.Log.Append(ArtifactRecord.Encode(artifact));
            run.Rows.Add(artifact);
        }
        catch (Exception ex) when (ex is not ArtifactAlreadyRegisteredException)
        {
            run.Reset();
            throw;
        }
    }

    public async Task<ArtifactMetadata?> GetAsync(Guid artifactId, CancellationToken cancellationToken = default)
    {
        foreach (string runId in ListRuns())
        {
            IReadOnlyList<ArtifactMetadata> rows = await FindByRunAsync(runId, null, cancellationToken).ConfigureAwait(false);
            foreach (ArtifactMetadata row in rows)
            {
                if (row.ArtifactId == artifactId)
                {
                    return row;
                }
            }
        }

        return null;
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
        _runs.GetOrAdd(runId, id => new RunArtifacts(Path.Combine(_root, "runs", id, "artifacts"), _segmentMaxBytes));

    /// <summary>What is known about one run's artifact segment; guarded by <see cref="Lock"/>.</summary>
    private sealed class RunArtifacts : IDisposable
    {
        public RunArtifacts(string directory, long segmentMaxBytes)
        {
            Log = new SegmentLog(directory, "artifacts", segmentMaxBytes);
            Lock = new StreamLock(Path.Combine(directory, "lock"));
        }

        public SegmentLog Log { get; }

        public StreamLock Lock { get; }

        public List<ArtifactMetadata> Rows { get; } = new();

        public void Refresh(bool repair) => Log.Refresh(repair, (_, payload) =>
        {
            Rows.Add(ArtifactRecord.Decode(payload));
            return true;
        });

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
