using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Artifacts;

/// <summary>
/// Checks that evidence pointers resolve: the run's artifact index holds an evidence chunk for the
/// pointer's <c>evidence_id</c> + <c>chunk_id</c> (see <see cref="EvidenceChunk"/>), its object is in
/// the object store, and the span lies within the chunk's text.
/// </summary>
/// <remarks>
/// <para>
/// The chunk's length comes from its index row: the <c>chars</c> its recorder wrote, when that agrees
/// with the row's byte size (UTF-8 needs 1 to 3 bytes per UTF-16 code unit); otherwise the bytes are
/// read, which also verifies them against their SHA-256. Every later read of the evidence verifies
/// the hash too, so the gate does not re-hash it.
/// </para>
/// <para>
/// Artifacts are immutable and never deleted and objects are content-addressed, so a resolution
/// stays true once made: each chunk is resolved once per resolver, and later pointers into it cost a
/// look-up and the span check. A run's index is listed only when a pointer names a chunk not seen
/// yet, and then only rows not seen before are parsed. Safe to share between threads: the caches
/// only ever gain facts.
/// </para>
/// </remarks>
public sealed class EvidenceResolver
{
    private readonly IArtifactIndex _index;
    private readonly IObjectStore _objects;
    private readonly ConcurrentDictionary<(string RunId, string EvidenceId, string ChunkId), Chunk> _chunks = new();
    private readonly ConcurrentDictionary<Guid, bool> _indexed = new();
    private readonly ConcurrentDictionary<(string RunId, string Sha256), int> _lengths = new();
    private readonly bool _verifyBytes;

    /// <summary>Creates a resolver over <paramref name="index"/> and <paramref name="objects"/>.</summary>
    /// <param name="index">The artifact index.</param>
    /// <param name="objects">The object store.</param>
    /// <param name="verifyBytes">
    /// Read (and so hash-check) every cited artifact once, instead of trusting a length its recorder wrote:
    /// what an audit (replay) wants, not the compaction gate.
    /// </param>
    public EvidenceResolver(IArtifactIndex index, IObjectStore objects, bool verifyBytes = false)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _verifyBytes = verifyBytes;
    }

    /// <summary>
    /// Every way the <paramref name="pointers"/> (labelled by where they occur) fail to resolve in
    /// <paramref name="runId"/>; empty when all resolve.
    /// </summary>
    public Task<IReadOnlyList<string>> FindUnresolvedAsync(
        string runId, IEnumerable<(string Where, EvidencePointer Pointer)> pointers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointers);
        return FindUnresolvedAsync(runId, pointers.Select(p => (new Where(p.Where, 0, 0), p.Pointer)), cancellationToken);
    }

    /// <summary>
    /// As <see cref="FindUnresolvedAsync(string, IEnumerable{ValueTuple{string, EvidencePointer}}, CancellationToken)"/> for every
    /// evidence pointer of <paramref name="findings"/>, labelled <c>/findings/i/evidence/j</c>; a label is formatted only
    /// for a pointer that fails (replay checks hundreds per snapshot).
    /// </summary>
    internal Task<IReadOnlyList<string>> FindUnresolvedAsync(string runId, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
        => FindUnresolvedAsync(runId, EvidenceOf(findings), cancellationToken);

    private static IEnumerable<(Where Where, EvidencePointer Pointer)> EvidenceOf(IReadOnlyList<Finding> findings)
    {
        for (var f = 0; f < findings.Count; f++)
        {
            var evidence = findings[f].Evidence;
            for (var e = 0; e < evidence.Count; e++)
            {
                yield return (new Where(null, f, e), evidence[e]);
            }
        }
    }

    private async Task<IReadOnlyList<string>> FindUnresolvedAsync(
        string runId, IEnumerable<(Where Where, EvidencePointer Pointer)> pointers, CancellationToken cancellationToken)
    {
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var listed = false;
        var violations = new List<string>();

        foreach (var (where, pointer) in pointers)
        {
            var key = (runId, pointer.EvidenceId, pointer.ChunkId);
            if (!_chunks.TryGetValue(key, out var chunk) && !listed)
            {
                await IndexChunksAsync(runId, cancellationToken).ConfigureAwait(false);
                listed = true;
            }

            if (chunk is null && !_chunks.TryGetValue(key, out chunk))
            {
                violations.Add(Label(where, pointer) + " does not resolve to a stored artifact.");
                continue;
            }

            var artifact = chunk.Artifact;
            if (!_lengths.TryGetValue((runId, artifact.Hash), out var chars))
            {
                if (unreadable.Contains(artifact.Hash))
                {
                    continue;
                }

                var problem = await MeasureAsync(runId, chunk, cancellationToken).ConfigureAwait(false);
                if (problem is not null)
                {
                    violations.Add($"{Label(where, pointer)} names artifact {artifact.ArtifactId} whose bytes cannot be read: {problem}");
                    unreadable.Add(artifact.Hash);
                    continue;
                }

                chars = _lengths[(runId, artifact.Hash)];
            }

            if (pointer.Span.Start > pointer.Span.End || pointer.Span.End > chars)
            {
                violations.Add($"{Label(where, pointer)} span [{pointer.Span.Start}, {pointer.Span.End}) does not lie within the chunk's {chars} characters.");
            }
        }

        return violations;
    }

    /// <summary>
    /// Makes <paramref name="artifact"/>, just recorded as chunk <paramref name="chunkId"/> of
    /// <paramref name="evidenceId"/> with text <paramref name="chars"/> long, known without listing
    /// the index again.
    /// </summary>
    internal void RememberChunk(ArtifactMetadata artifact, string evidenceId, string chunkId, int chars)
    {
        if (_indexed.TryAdd(artifact.ArtifactId, true))
        {
            _chunks.TryAdd((artifact.RunId, evidenceId, chunkId), new Chunk(artifact, chars));
        }
    }

    /// <summary>Finds the chunk's length in characters and caches it; returns why it cannot, or null.</summary>
    private async Task<string?> MeasureAsync(string runId, Chunk chunk, CancellationToken cancellationToken)
    {
        var artifact = chunk.Artifact;
        try
        {
            if (!_verifyBytes && chunk.Chars is { } chars && chars <= artifact.SizeBytes && artifact.SizeBytes <= 3L * chars)
            {
                if (!await _objects.ExistsAsync(runId, artifact.Hash, cancellationToken).ConfigureAwait(false))
                {
                    return $"object {artifact.Hash} is not in the object store.";
                }
            }
            else
            {
                var bytes = await _objects.ReadAsync(runId, artifact.Hash, cancellationToken).ConfigureAwait(false);
                chars = Encoding.UTF8.GetString(bytes).Length;
            }

            _lengths.TryAdd((runId, artifact.Hash), chars);
            return null;
        }
        catch (StorageException e)
        {
            return e.Message;
        }
    }

    private static string Label(Where where, EvidencePointer pointer) => $"{where}: evidence '{pointer.EvidenceId}' chunk '{pointer.ChunkId}'";

    private async Task IndexChunksAsync(string runId, CancellationToken cancellationToken)
    {
        var artifacts = await _index.FindByRunAsync(runId, stepId: null, cancellationToken).ConfigureAwait(false);
        foreach (var artifact in artifacts)
        {
            if (_indexed.TryAdd(artifact.ArtifactId, true) && TryReadChunk(artifact.Metadata, out var evidenceId, out var chunkId, out var chars))
            {
                _chunks.TryAdd((runId, evidenceId, chunkId), new Chunk(artifact, chars));
            }
        }
    }

    private static bool TryReadChunk(ReadOnlyMemory<byte> metadata, out string evidenceId, out string chunkId, out int? chars)
    {
        evidenceId = chunkId = "";
        chars = null;
        if (metadata.IsEmpty)
        {
            return false;
        }

        using var document = JsonDocument.Parse(metadata);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(EvidenceChunk.KindMember, out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != EvidenceChunk.KindValue
            || !root.TryGetProperty(EvidenceChunk.EvidenceIdMember, out var evidence) || evidence.ValueKind != JsonValueKind.String
            || !root.TryGetProperty(EvidenceChunk.ChunkIdMember, out var chunk) || chunk.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        evidenceId = evidence.GetString()!;
        chunkId = chunk.GetString()!;
        if (root.TryGetProperty(EvidenceChunk.LengthMember, out var length) && length.ValueKind == JsonValueKind.Number && length.TryGetInt32(out var value) && value >= 0)
        {
            chars = value;
        }

        return true;
    }

    /// <summary>Where a pointer occurs: a given label, or the finding and evidence index it is formatted from.</summary>
    private readonly record struct Where(string? Text, int Finding, int Evidence)
    {
        public override string ToString() => Text ?? $"/findings/{Finding}/evidence/{Evidence}";
    }

    /// <summary>An evidence chunk's index row and, when its recorder said so, its length in characters.</summary>
    private sealed record Chunk(ArtifactMetadata Artifact, int? Chars);
}
