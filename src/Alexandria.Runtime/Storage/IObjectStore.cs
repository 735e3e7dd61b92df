using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Run-addressed, content-addressed blob storage with SHA-256 integrity. The filesystem
/// implementation is <see cref="FileSystemObjectStore"/>; S3 can later sit behind this interface.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Stores <paramref name="content"/> under its SHA-256 within the run, atomically and durably.
    /// Storing the same bytes twice is a no-op that returns the same pointer.
    /// </summary>
    Task<ObjectPointer> PutAsync(string runId, System.ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Streams <paramref name="content"/> into the store; see <see cref="PutAsync(string, System.ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    Task<ObjectPointer> PutAsync(string runId, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="content"/> into the store only if it is exactly <paramref name="expectedSizeBytes"/> bytes
    /// hashing to <paramref name="expectedSha256"/>: the bytes are hashed as they arrive into a temp file, which is moved
    /// into place only when both match. Reading stops as soon as there are more bytes than expected.
    /// </summary>
    /// <exception cref="ObjectContentMismatchException">The bytes differ; nothing was stored.</exception>
    Task<ObjectPointer> PutExpectedAsync(string runId, Stream content, string expectedSha256, long expectedSizeBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens an object for streaming after checking every byte against its hash through the same open file, so the
    /// bytes served are the bytes checked. The caller disposes the stream.
    /// </summary>
    /// <exception cref="ArtifactTamperedException">The bytes no longer match <paramref name="sha256"/>.</exception>
    /// <exception cref="ObjectNotFoundException">There is no such object.</exception>
    Task<ObjectReadStream> OpenReadAsync(string runId, string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads an object and verifies its hash before returning it.
    /// </summary>
    /// <exception cref="ArtifactTamperedException">The bytes no longer match <paramref name="sha256"/>.</exception>
    /// <exception cref="ObjectNotFoundException">There is no such object.</exception>
    Task<byte[]> ReadAsync(string runId, string sha256, CancellationToken cancellationToken = default);

    /// <summary>True when the run holds an object with this hash.</summary>
    Task<bool> ExistsAsync(string runId, string sha256, CancellationToken cancellationToken = default);
}
