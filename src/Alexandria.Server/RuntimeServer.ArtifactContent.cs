using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Server;
using Alexandria.Runtime.Storage;

namespace Alexandria.Server;

/// <summary>
/// Artifact content: the bytes of a registered artifact, in and out of the run's object store. Uploads are checked
/// against the registered hash and size while they stream (nothing is stored on a mismatch); downloads are checked
/// against the hash before the first byte goes out, every time (bytes can rot after a good check; docs/artifacts.md),
/// and may ask for one byte range.
/// </summary>
public sealed partial class RuntimeServer
{
    /// <inheritdoc/>
    public async Task<UploadArtifactContentResult> UploadArtifactContentAsync(UploadArtifactContentOperationRequest request, CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new UploadArtifactContentResult.BadRequest(bad);
        }
        var artifact = await FindArtifactAsync(request.RunId, request.ArtifactId, cancellationToken).ConfigureAwait(false);
        if (artifact is null)
        {
            return new UploadArtifactContentResult.NotFound(ArtifactNotFound(request.RunId, request.ArtifactId));
        }
        if (artifact.SizeBytes > _settings.MaxArtifactBytes)
        {
            var message = $"The artifact is registered with {artifact.SizeBytes} bytes, over this server's {_settings.MaxArtifactBytes}-byte maximum for artifact content.";
            return new UploadArtifactContentResult.ContentTooLarge(Problems.Create(413, "Artifact content too large", message,
                [Problems.Error("", "maxArtifactBytes", message)]));
        }
        try
        {
            var outcome = await _store.UploadArtifactContentAsync(artifact, request.Body, cancellationToken).ConfigureAwait(false);
            return outcome == ArtifactContentUpload.Stored
                ? new UploadArtifactContentResult.Created(ToRecord(artifact))
                : new UploadArtifactContentResult.Ok(ToRecord(artifact));
        }
        catch (ArtifactContentConflictException conflict)
        {
            return new UploadArtifactContentResult.Conflict(Problems.Create(409, "Artifact content already stored", conflict.Message,
                [Problems.Error("", "immutable", conflict.Message)]));
        }
        catch (ObjectContentMismatchException mismatch)
        {
            return new UploadArtifactContentResult.UnprocessableEntity(Problems.Create(422, "Artifact content does not match its record", mismatch.Message,
                [Problems.Error("", mismatch.SizeDiffers ? "size_bytes" : "hash", mismatch.Message)]));
        }
    }

    /// <inheritdoc/>
    public async Task<GetArtifactContentResult> GetArtifactContentAsync(GetArtifactContentOperationRequest request, CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(request);
        if (BadRunId(request.RunId) is { } bad)
        {
            return new GetArtifactContentResult.BadRequest(bad);
        }
        var artifact = await FindArtifactAsync(request.RunId, request.ArtifactId, cancellationToken).ConfigureAwait(false);
        if (artifact is null)
        {
            return new GetArtifactContentResult.NotFound(ArtifactNotFound(request.RunId, request.ArtifactId));
        }
        var range = ByteRange.Parse(request.Range, artifact.SizeBytes, out var unsatisfiable);
        if (unsatisfiable is not null)
        {
            return new GetArtifactContentResult.RangeNotSatisfiable(Problems.Create(416, "Range not satisfiable", unsatisfiable,
                [Problems.Error("/Range", "range", unsatisfiable)]));
        }
        ObjectReadStream content;
        try
        {
            content = await _store.OpenArtifactContentAsync(artifact, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            var message = $"Artifact '{request.ArtifactId}' of run '{request.RunId}' is registered, but its content has not been uploaded (PUT …/content).";
            return new GetArtifactContentResult.NotFound(Problems.Create(404, "Not found", message, [Problems.Error("/artifactId", "content", message)]));
        }
        catch (StorageException damaged) when (damaged is ArtifactTamperedException or StorageCorruptedException)
        {
            // Not the client's mistake: the stored bytes changed after they were checked in. Say so; never serve them.
            return new GetArtifactContentResult.InternalServerError(Problems.Create(500, "Artifact content damaged", damaged.Message,
                [Problems.Error("/artifactId", "integrity", damaged.Message)]));
        }
        return range is { } window
            ? new GetArtifactContentResult.PartialContent(content.Slice(window.Start, window.Length))
            : new GetArtifactContentResult.Ok(content);
    }

    /// <summary>The artifact <paramref name="artifactId"/> if it belongs to <paramref name="runId"/>.</summary>
    private async Task<ArtifactMetadata?> FindArtifactAsync(string runId, System.Guid artifactId, CancellationToken cancellationToken)
    {
        var artifact = await _store.Artifacts.GetAsync(artifactId, cancellationToken).ConfigureAwait(false);
        return artifact is not null && artifact.RunId == runId ? artifact : null;
    }

    private static ProblemDetails ArtifactNotFound(string runId, System.Guid artifactId)
        => Problems.NotFound($"Artifact '{artifactId}' of run '{runId}'", "artifactId");
}
