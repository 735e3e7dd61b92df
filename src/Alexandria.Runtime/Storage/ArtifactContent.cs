using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>What an upload of an artifact's content did.</summary>
public enum ArtifactContentUpload
{
    /// <summary>The bytes were new and are now stored.</summary>
    Stored,

    /// <summary>The same bytes were already stored (an upload repeated, or another artifact of the run with the same hash); nothing changed.</summary>
    AlreadyStored,
}

/// <summary>
/// Carrying the bytes of an artifact whose metadata is already registered (the HTTP API registers first, then
/// uploads): in through <see cref="IObjectStore.PutExpectedAsync"/>, checked against the registered hash and size
/// while streaming; out through <see cref="IObjectStore.OpenReadAsync"/>, checked before the first byte is served.
/// Content of any size goes to the object store; the index row only points at it (DOMAIN §3: no blob in a row).
/// </summary>
public static class ArtifactContent
{
    /// <summary>Streams <paramref name="content"/> into the run's object store if it is the registered artifact's content.</summary>
    /// <exception cref="ObjectContentMismatchException">The bytes are not the registered hash or size and none were stored before: nothing was stored.</exception>
    /// <exception cref="ArtifactContentConflictException">The artifact's content is already stored and these bytes differ from it.</exception>
    public static async Task<ArtifactContentUpload> UploadArtifactContentAsync(this IRuntimeStore store, ArtifactMetadata artifact, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(content);
        var existed = await store.Objects.ExistsAsync(artifact.RunId, artifact.Hash, cancellationToken).ConfigureAwait(false);
        try
        {
            await store.Objects.PutExpectedAsync(artifact.RunId, content, artifact.Hash, artifact.SizeBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectContentMismatchException mismatch) when (existed)
        {
            throw new ArtifactContentConflictException(artifact.ArtifactId, mismatch);
        }
        return existed ? ArtifactContentUpload.AlreadyStored : ArtifactContentUpload.Stored;
    }

    /// <summary>True when the artifact's bytes are in the object store (uploaded, or stored with it).</summary>
    public static Task<bool> HasArtifactContentAsync(this IRuntimeStore store, ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifact);
        return store.Objects.ExistsAsync(artifact.RunId, artifact.Hash, cancellationToken);
    }

    /// <summary>Opens the artifact's bytes for streaming, verified against its registered hash and size.</summary>
    /// <exception cref="ArtifactTamperedException">The stored bytes changed.</exception>
    /// <exception cref="ObjectNotFoundException">The content was never uploaded.</exception>
    /// <exception cref="StorageCorruptedException">The object's size is not the registered size.</exception>
    public static async Task<ObjectReadStream> OpenArtifactContentAsync(this IRuntimeStore store, ArtifactMetadata artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(artifact);
        var content = await store.Objects.OpenReadAsync(artifact.RunId, artifact.Hash, cancellationToken).ConfigureAwait(false);
        if (content.TotalLength != artifact.SizeBytes)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw new StorageCorruptedException(
                $"Artifact {artifact.ArtifactId} is registered with {artifact.SizeBytes} bytes but its object has {content.TotalLength}.");
        }
        return content;
    }
}
