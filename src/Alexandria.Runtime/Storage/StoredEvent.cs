using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// One event as the log holds it: the envelope fields storage must understand, plus the
/// already-validated event document. <see cref="Json"/> is returned byte-for-byte as it was appended.
/// </summary>
/// <param name="RunId">Run the event belongs to.</param>
/// <param name="Seq">Per-run sequence number: gapless, starting at 1, assigned by the log.</param>
/// <param name="StepId">Step the event belongs to.</param>
/// <param name="Kind">Event kind (the discriminator of <c>run_event</c>).</param>
/// <param name="Counted">True for the terminal plan/act/observe events of a step; false for verbose events.</param>
/// <param name="OccurredAt">When the event happened, in UTC with microsecond precision.</param>
/// <param name="Json">The UTF-8 event document.</param>
public sealed record StoredEvent(
    string RunId,
    long Seq,
    long StepId,
    string Kind,
    bool Counted,
    DateTimeOffset OccurredAt,
    ReadOnlyMemory<byte> Json);
