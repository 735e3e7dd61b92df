using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// One row of the <c>artifacts</c> table (DOMAIN §3): where an artifact's bytes live and what they
/// are. The bytes themselves are in the object store, addressed by <see cref="Hash"/> within the run.
/// </summary>
/// <param name="ArtifactId">Primary key.</param>
/// <param name="RunId">Run that produced the artifact.</param>
/// <param name="StepId">Step that produced the artifact (≥ 0).</param>
/// <param name="Path">Run-relative logical path, e.g. <c>reports/summary.md</c>; never absolute, never <c>..</c>.</param>
/// <param name="Hash">Lowercase hex SHA-256 of the content.</param>
/// <param name="MimeType">Media type, lowercase, without parameters.</param>
/// <param name="SizeBytes">Content size in bytes.</param>
/// <param name="CreatedAt">When the artifact was registered; stored in UTC, truncated to microseconds.</param>
/// <param name="Metadata">
/// Free-form UTF-8 JSON object. Postgres keeps it as <c>jsonb</c>, so it round-trips as equal JSON,
/// not necessarily as equal bytes.
/// </param>
public sealed record ArtifactMetadata(
    Guid ArtifactId,
    string RunId,
    long StepId,
    string Path,
    string Hash,
    string MimeType,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    ReadOnlyMemory<byte> Metadata);
