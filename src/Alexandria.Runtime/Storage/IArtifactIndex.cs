using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// The artifact index: metadata rows pointing into the object store. Rows are never updated or
/// deleted (retention is indefinite, audit first).
/// </summary>
public interface IArtifactIndex
{
    /// <summary>Registers an artifact whose bytes are already in the object store.</summary>
    /// <exception cref="ArtifactAlreadyRegisteredException">The artifact id is taken.</exception>
    /// <exception cref="InvalidStoragePathException">The run id or artifact path is unsafe.</exception>
    Task RegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken = default);

    /// <summary>Returns an artifact by id, or null.</summary>
    Task<ArtifactMetadata?> GetAsync(Guid artifactId, CancellationToken cancellationToken = default);

    /// <summary>Returns a run's artifacts (only one step's when <paramref name="stepId"/> is given), in registration order.</summary>
    Task<IReadOnlyList<ArtifactMetadata>> FindByRunAsync(string runId, long? stepId = null, CancellationToken cancellationToken = default);

    /// <summary>Returns every artifact, in any run, whose content has the given SHA-256.</summary>
    Task<IReadOnlyList<ArtifactMetadata>> FindByHashAsync(string sha256, CancellationToken cancellationToken = default);
}
