namespace Alexandria.Runtime.Storage;

/// <summary>How to open an <see cref="IRuntimeStore"/>.</summary>
public sealed class RuntimeStoreOptions
{
    /// <summary>The DOMAIN §1/§3 default for <see cref="InlinePayloadLimitBytes"/>: 64 KiB.</summary>
    public const int DefaultInlinePayloadLimitBytes = 64 * 1024;

    /// <summary>
    /// Root of the object store and, for the embedded backend, of the event/snapshot/artifact files.
    /// </summary>
    public required string RootDirectory { get; init; }

    /// <summary>
    /// PostgreSQL connection string. When null or empty the embedded filesystem backend is used.
    /// </summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// Largest event or snapshot document kept inline in PostgreSQL; anything bigger goes to the
    /// object store and the row holds its SHA-256 pointer. Artifact metadata over this size is rejected.
    /// </summary>
    public int InlinePayloadLimitBytes { get; init; } = DefaultInlinePayloadLimitBytes;

    /// <summary>
    /// Embedded backend: a segment file that has reached this size is closed and a new one started.
    /// </summary>
    public long SegmentMaxBytes { get; init; } = 64L * 1024 * 1024;
}
