using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Artifacts;

/// <summary>
/// Checks that evidence pointers resolve: the run holds an artifact for the pointer's
/// <c>evidence_id</c> + <c>chunk_id</c> (see <see cref="EvidenceChunk"/>), its bytes pass the object
/// store's hash check, and the span lies within the chunk's text.
/// </summary>
public sealed class EvidenceResolver
{
    private readonly IArtifactIndex _index;
    private readonly IObjectStore _objects;

    /// <summary>Creates a resolver over <paramref name="index"/> and <paramref name="objects"/>.</summary>
    public EvidenceResolver(IArtifactIndex index, IObjectStore objects)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
    }

    /// <summary>
    /// Every way the <paramref name="pointers"/> (labelled by where they occur) fail to resolve in
    /// <paramref name="runId"/>; empty when all resolve.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindUnresolvedAsync(
        string runId, IEnumerable<(string Where, EvidencePointer Pointer)> pointers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointers);
        var chunks = await IndexChunksAsync(runId, cancellationToken).ConfigureAwait(false);
        var lengths = new Dictionary<(string, string), int?>();
        var violations = new List<string>();

        foreach (var (where, pointer) in pointers)
        {
            var key = (pointer.EvidenceId, pointer.ChunkId);
            var label = $"{where}: evidence '{pointer.EvidenceId}' chunk '{pointer.ChunkId}'";
            if (!chunks.TryGetValue(key, out var artifact))
            {
                violations.Add(label + " does not resolve to a stored artifact.");
                continue;
            }

            if (!lengths.TryGetValue(key, out var length))
            {
                try
                {
                    var bytes = await _objects.ReadAsync(runId, artifact.Hash, cancellationToken).ConfigureAwait(false);
                    length = Encoding.UTF8.GetString(bytes).Length;
                }
                catch (StorageException e)
                {
                    violations.Add($"{label} names artifact {artifact.ArtifactId} whose bytes cannot be read: {e.Message}");
                    length = null;
                }

                lengths[key] = length;
            }

            if (length is not { } chars)
            {
                continue;
            }

            if (pointer.Span.Start > pointer.Span.End || pointer.Span.End > chars)
            {
                violations.Add($"{label} span [{pointer.Span.Start}, {pointer.Span.End}) does not lie within the chunk's {chars} characters.");
            }
        }

        return violations;
    }

    private async Task<Dictionary<(string, string), ArtifactMetadata>> IndexChunksAsync(string runId, CancellationToken cancellationToken)
    {
        var artifacts = await _index.FindByRunAsync(runId, stepId: null, cancellationToken).ConfigureAwait(false);
        var chunks = new Dictionary<(string, string), ArtifactMetadata>();
        foreach (var artifact in artifacts)
        {
            if (TryReadChunkKey(artifact.Metadata, out var key))
            {
                chunks.TryAdd(key, artifact);
            }
        }

        return chunks;
    }

    private static bool TryReadChunkKey(ReadOnlyMemory<byte> metadata, out (string, string) key)
    {
        key = default;
        if (metadata.IsEmpty)
        {
            return false;
        }

        using var document = JsonDocument.Parse(metadata);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(EvidenceChunk.KindMember, out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != EvidenceChunk.KindValue
            || !root.TryGetProperty(EvidenceChunk.EvidenceIdMember, out var evidenceId) || evidenceId.ValueKind != JsonValueKind.String
            || !root.TryGetProperty(EvidenceChunk.ChunkIdMember, out var chunkId) || chunkId.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        key = (evidenceId.GetString()!, chunkId.GetString()!);
        return true;
    }
}
