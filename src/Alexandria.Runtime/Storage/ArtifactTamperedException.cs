namespace Alexandria.Runtime.Storage;

/// <summary>
/// Bytes read from the object store do not hash to the SHA-256 they are stored under: the object
/// was modified or damaged after it was written. The bytes are never returned.
/// </summary>
public sealed class ArtifactTamperedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactTamperedException(string objectPath, string expectedSha256, string actualSha256)
        : base(
            $"Object '{objectPath}' should hash to {expectedSha256} but hashes to {actualSha256}: " +
            "it was changed after it was written. Restore it from a backup; it is not served.")
    {
        ObjectPath = objectPath;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Store-relative path of the object.</summary>
    public string ObjectPath { get; }

    /// <summary>The hash the object is stored under.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The hash of the bytes found.</summary>
    public string ActualSha256 { get; }
}
