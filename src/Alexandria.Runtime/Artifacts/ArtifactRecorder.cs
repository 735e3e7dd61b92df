using System;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Artifacts;

/// <summary>
/// Stores what a step produced — full tool results and the evidence chunks its observation cites —
/// in the object store and registers each in the artifact index (DOMAIN §3). Ids and paths are
/// derived from content and names, so recording the same thing twice changes nothing.
/// </summary>
public sealed class ArtifactRecorder
{
    private readonly IArtifactIndex _index;
    private readonly IObjectStore _objects;
    private readonly EvidenceResolver? _resolver;

    /// <summary>Creates a recorder over <paramref name="index"/> and <paramref name="objects"/>.</summary>
    public ArtifactRecorder(IArtifactIndex index, IObjectStore objects)
        : this(index, objects, resolver: null)
    {
    }

    /// <summary>A recorder that also tells <paramref name="resolver"/> about every evidence chunk it records.</summary>
    internal ArtifactRecorder(IArtifactIndex index, IObjectStore objects, EvidenceResolver? resolver)
    {
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _resolver = resolver;
    }

    /// <summary>
    /// Stores the text of chunk <paramref name="chunkId"/> of evidence <paramref name="evidenceId"/>
    /// so evidence pointers into it resolve.
    /// </summary>
    /// <exception cref="InvalidOperationException">The chunk was stored before with different text.</exception>
    public async Task<ArtifactMetadata> RecordEvidenceChunkAsync(
        string runId, long stepId, string evidenceId, string chunkId, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var path = "evidence/" + CallHash.Sha256Hex(Encoding.UTF8.GetBytes(evidenceId + "\n" + chunkId))[..32] + ".txt";
        var metadata = Metadata(writer =>
        {
            writer.WriteString(EvidenceChunk.KindMember, EvidenceChunk.KindValue);
            writer.WriteString(EvidenceChunk.EvidenceIdMember, evidenceId);
            writer.WriteString(EvidenceChunk.ChunkIdMember, chunkId);
            writer.WriteNumber(EvidenceChunk.LengthMember, text.Length);
        });

        var pointer = await _objects.PutAsync(runId, Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        var recorded = await RegisterAsync(runId, stepId, path, pointer, "text/plain", metadata, createdAt, cancellationToken).ConfigureAwait(false);
        if (recorded.Hash != pointer.Sha256)
        {
            throw new InvalidOperationException($"Evidence chunk '{evidenceId}' / '{chunkId}' was stored before with different text; evidence is immutable.");
        }

        _resolver?.RememberChunk(recorded, evidenceId, chunkId, text.Length);

        return recorded;
    }

    /// <summary>Stores the full result of call <paramref name="callId"/> and returns the observation's <c>result_pointer</c>.</summary>
    public async Task<BlobPointer> RecordToolResultAsync(
        string runId, long stepId, string callId, ReadOnlyMemory<byte> content, string mimeType, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var pointer = await _objects.PutAsync(runId, content, cancellationToken).ConfigureAwait(false);
        var path = "results/" + CallHash.Sha256Hex(Encoding.UTF8.GetBytes(callId))[..16] + "-" + pointer.Sha256[..16];
        var metadata = Metadata(writer =>
        {
            writer.WriteString(EvidenceChunk.KindMember, EvidenceChunk.ToolResultKindValue);
            writer.WriteString("call_id", callId);
        });

        var recorded = await RegisterAsync(runId, stepId, path, pointer, mimeType, metadata, createdAt, cancellationToken).ConfigureAwait(false);
        return new BlobPointer
        {
            ObjectPath = pointer.ObjectPath,
            Sha256 = recorded.Hash,
            SizeBytes = recorded.SizeBytes,
            MimeType = recorded.MimeType,
        };
    }

    private async Task<ArtifactMetadata> RegisterAsync(
        string runId, long stepId, string path, ObjectPointer pointer, string mimeType, byte[] metadata, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var artifactId = NameBasedUuid.ForArtifact(runId, path);
        var existing = await _index.GetAsync(artifactId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var artifact = new ArtifactMetadata(artifactId, runId, stepId, path, pointer.Sha256, mimeType, pointer.SizeBytes, createdAt, metadata);
        try
        {
            await _index.RegisterAsync(artifact, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactAlreadyRegisteredException)
        {
            // A concurrent writer registered the same derived id first: same path, so the same artifact.
            return await _index.GetAsync(artifactId, cancellationToken).ConfigureAwait(false) ?? artifact;
        }

        return artifact;
    }

    private static byte[] Metadata(Action<Utf8JsonWriter> write) => PooledJsonWriter.ToArray(write, static (writer, write) =>
    {
        writer.WriteStartObject();
        write(writer);
        writer.WriteEndObject();
    });
}
