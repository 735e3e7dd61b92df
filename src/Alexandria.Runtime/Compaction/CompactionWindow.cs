using System;
using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// What a snapshot is folded from: the run, the parent snapshot (null for the first) and the events
/// since it, in seq order. The window always starts right after the parent's covered range.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Parent">The snapshot the new one follows, or null.</param>
/// <param name="Events">The events since the parent, oldest first; at least one.</param>
public sealed record CompactionWindow(string RunId, CompactionSnapshot? Parent, IReadOnlyList<RunEvent> Events)
{
    /// <summary>Seq of the first event in the window.</summary>
    public long FirstSeq => Events.Count > 0 ? Events[0].Seq : throw new InvalidOperationException("The compaction window is empty.");

    /// <summary>Seq of the last event in the window.</summary>
    public long LastSeq => Events.Count > 0 ? Events[^1].Seq : throw new InvalidOperationException("The compaction window is empty.");
}
