using System;

namespace Alexandria.Runtime.Storage;

/// <summary>An artifact's content is already stored and an upload brought different bytes: the stored bytes stay.</summary>
public sealed class ArtifactContentConflictException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactContentConflictException(Guid artifactId, ObjectContentMismatchException mismatch)
        : base($"Artifact {artifactId} already has its content stored; the uploaded bytes differ from it ({mismatch.Message.TrimEnd('.')}, and the stored content was kept).", mismatch)
    {
        ArtifactId = artifactId;
    }

    /// <summary>The artifact whose content is already stored.</summary>
    public Guid ArtifactId { get; }
}
