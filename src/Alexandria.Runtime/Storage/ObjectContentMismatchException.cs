namespace Alexandria.Runtime.Storage;

/// <summary>
/// Streamed bytes did not hash to (or did not have the length of) what the caller said they would: nothing was
/// stored. The object store refuses them before they reach their content address.
/// </summary>
public sealed class ObjectContentMismatchException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expectedSha256">The hash the bytes should have had.</param>
    /// <param name="expectedSizeBytes">The length the bytes should have had.</param>
    /// <param name="actualSha256">The hash of the bytes received, or null when reading stopped early (too many bytes).</param>
    /// <param name="actualSizeBytes">The bytes received (when reading stopped early: as many as were read).</param>
    public ObjectContentMismatchException(string expectedSha256, long expectedSizeBytes, string? actualSha256, long actualSizeBytes)
        : base(Describe(expectedSha256, expectedSizeBytes, actualSha256, actualSizeBytes))
    {
        ExpectedSha256 = expectedSha256;
        ExpectedSizeBytes = expectedSizeBytes;
        ActualSha256 = actualSha256;
        ActualSizeBytes = actualSizeBytes;
    }

    /// <summary>The hash the bytes should have had.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The length the bytes should have had.</summary>
    public long ExpectedSizeBytes { get; }

    /// <summary>The hash of the bytes received; null when there were more bytes than expected and reading stopped.</summary>
    public string? ActualSha256 { get; }

    /// <summary>How many bytes were read.</summary>
    public long ActualSizeBytes { get; }

    /// <summary>True when the count of bytes is what differs (rather than only their hash).</summary>
    public bool SizeDiffers => ActualSha256 is null || ActualSizeBytes != ExpectedSizeBytes;

    private static string Describe(string expectedSha256, long expectedSizeBytes, string? actualSha256, long actualSizeBytes)
        => actualSha256 is null
            ? $"The content has more than the expected {expectedSizeBytes} bytes; nothing was stored."
            : actualSizeBytes != expectedSizeBytes
                ? $"The content has {actualSizeBytes} bytes, not the expected {expectedSizeBytes}; nothing was stored."
                : $"The content hashes to {actualSha256}, not the expected {expectedSha256}; nothing was stored.";
}
