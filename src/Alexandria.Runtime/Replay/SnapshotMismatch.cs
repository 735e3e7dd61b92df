using System;

namespace Alexandria.Runtime.Replay;

/// <summary>A stored snapshot that the log does not reproduce.</summary>
/// <param name="SnapshotId">The snapshot concerned.</param>
/// <param name="Pointer">JSON pointer of the first difference between stored and rebuilt bytes; empty for the root or when there is nothing to compare.</param>
/// <param name="Reason">What is wrong, in a sentence.</param>
public sealed record SnapshotMismatch(Guid SnapshotId, string Pointer, string Reason);
