using System;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Writing and reading an artifact as one operation: bytes into the object store first, then the
/// index row, so an index row never points at missing bytes.
/// </summary>
public static class ArtifactStorage
{
    /// <summary>
    /// Stores <paramref name="content"/> durably in the run's object store, then registers its metadata
    /// (hash and size computed here). Returns the registered row.
    /// </summary>
    public static async Task<ArtifactMetadata> StoreArtifactAsync(
        this IRuntimeStore store,
        string runId,
        long stepId,
        string path,
        string mimeType,
        ReadOnlyMemory<byte> content,
        ReadOnlyMemory<byte> metadataJson = default,
        Guid? artifactId = null,
        DateTimeOffset? createdAt = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        StorageNames.ValidateRunId(runId);
        StorageNames.ValidateArtifactPath(path);
        StorageNames.ValidateMimeType(mimeType);
        ObjectPointer pointer = await store.Objects.PutAsync(runId, content, cancellationToken).ConfigureAwait(false);
        TestKillPoint.Reach(TestKillPoint.ArtifactContentStored);
        var artifact = new ArtifactMetadata(
            artifactId ?? Guid.NewGuid(),
            runId,
            stepId,
            path,
            pointer.Sha256,
            mimeType,
            pointer.SizeBytes,
            createdAt ?? DateTimeOffset.UtcNow,
            metadataJson.IsEmpty ? "{}"u8.ToArray() : metadataJson);
        await store.Artifacts.RegisterAsync(artifact, cancellationToken).ConfigureAwait(false);
        return artifact with { CreatedAt = StorageTime.Normalize(artifact.CreatedAt) };
    }

    /// <summary>Reads an artifact's bytes, verified against its recorded hash and size.</summary>
    /// <exception cref="ArtifactTamperedException">The stored bytes changed.</exception>
    public static async Task<byte[]> ReadArtifactAsync(this IRuntimeStore store, ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifact);
        byte[] bytes = await store.Objects.ReadAsync(artifact.RunId, artifact.Hash, cancellationToken).ConfigureAwait(false);
        if (bytes.LongLength != artifact.SizeBytes)
        {
            throw new StorageCorruptedException(
                $"Artifact {artifact.ArtifactId} is registered with {artifact.SizeBytes} bytes but its object has {bytes.LongLength}.");
        }

        return bytes;
    }
}
