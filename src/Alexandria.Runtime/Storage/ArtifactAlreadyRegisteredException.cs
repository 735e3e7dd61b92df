using System;

namespace Alexandria.Runtime.Storage;

/// <summary>An artifact id was registered twice; artifact rows are immutable.</summary>
public sealed class ArtifactAlreadyRegisteredException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactAlreadyRegisteredException(Guid artifactId, Exception? innerException = null)
        : base($"Artifact {artifactId} is already registered; artifact rows are immutable, register a new id.", innerException)
    {
        ArtifactId = artifactId;
    }

    /// <summary>The duplicate id.</summary>
    public Guid ArtifactId { get; }
}
