using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// One immutable compaction snapshot: the envelope fields storage must understand plus the
/// validated snapshot document, returned byte-for-byte.
/// </summary>
/// <param name="RunId">Run the snapshot belongs to.</param>
/// <param name="SnapshotId">Id of this snapshot.</param>
/// <param name="ParentSnapshotId">The previous snapshot, or null for the first.</param>
/// <param name="FirstSeq">First event sequence number covered.</param>
/// <param name="LastSeq">Last event sequence number covered.</param>
/// <param name="CreatedAt">When the snapshot was written; stored in UTC, truncated to microseconds.</param>
/// <param name="Json">The UTF-8 snapshot document.</param>
public sealed record StoredSnapshot(
    string RunId,
    Guid SnapshotId,
    Guid? ParentSnapshotId,
    long FirstSeq,
    long LastSeq,
    DateTimeOffset CreatedAt,
    ReadOnlyMemory<byte> Json);
