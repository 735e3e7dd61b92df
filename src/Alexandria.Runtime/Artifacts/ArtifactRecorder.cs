using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
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
        var path = HashedPath("evidence/", evidenceId, chunkId, 32, ".txt");
        var metadata = PooledJsonWriter.ToArray((EvidenceId: evidenceId, ChunkId: chunkId, Length: text.Length), static (writer, chunk) =>
        {
            writer.WriteStartObject();
            writer.WriteString(EvidenceChunk.KindMember, EvidenceChunk.KindValue);
            writer.WriteString(EvidenceChunk.EvidenceIdMember, chunk.EvidenceId);
            writer.WriteString(EvidenceChunk.ChunkIdMember, chunk.ChunkId);
            writer.WriteNumber(EvidenceChunk.LengthMember, chunk.Length);
            writer.WriteEndObject();
        });

        // The text's bytes only pass through to the store: a pooled buffer, given back once the put is done with it.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        ObjectPointer pointer;
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            pointer = await _objects.PutAsync(runId, bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

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
        var path = HashedPath("results/", callId, null, 16, "-", pointer.Sha256.AsSpan(0, 16));
        var metadata = PooledJsonWriter.ToArray(callId, static (writer, callId) =>
        {
            writer.WriteStartObject();
            writer.WriteString(EvidenceChunk.KindMember, EvidenceChunk.ToolResultKindValue);
            writer.WriteString("call_id", callId);
            writer.WriteEndObject();
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
        var artifact = new ArtifactMetadata(artifactId, runId, stepId, path, pointer.Sha256, mimeType, pointer.SizeBytes, createdAt, metadata);
        if (_index is IArtifactRegistrar registrar)
        {
            // The embedded index: look-up and registration under one hold of its store-wide lock.
            return await registrar.GetOrRegisterAsync(artifact, cancellationToken).ConfigureAwait(false) ?? artifact;
        }

        var existing = await _index.GetAsync(artifactId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

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

    /// <summary>
    /// <paramref name="prefix"/> + the first <paramref name="hexDigits"/> hex digits of the SHA-256 of the UTF-8 of
    /// <paramref name="name"/> (and '\n' + <paramref name="second"/> when given) + <paramref name="suffix"/> + <paramref name="more"/>, hashed from the
    /// stack (a pooled buffer when long): the one string is the path itself.
    /// </summary>
    private static string HashedPath(string prefix, string name, string? second, int hexDigits, ReadOnlySpan<char> suffix, ReadOnlySpan<char> more = default)
    {
        var chars = name.Length + (second is null ? 0 : 1 + second.Length);
        var max = Encoding.UTF8.GetMaxByteCount(chars);
        var rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[512];
        try
        {
            var length = Encoding.UTF8.GetBytes(name, utf8);
            if (second is not null)
            {
                utf8[length++] = (byte)'\n';
                length += Encoding.UTF8.GetBytes(second, utf8[length..]);
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(utf8[..length], hash);
            Span<char> hex = stackalloc char[64];
            Convert.TryToHexStringLower(hash, hex, out _);
            return string.Concat(prefix, hex[..hexDigits], suffix, more);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
