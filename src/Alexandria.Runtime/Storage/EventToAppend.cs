using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// An event handed to <see cref="IEventLog.AppendAsync"/>. The log assigns the sequence number, so the
/// document's own <c>seq</c> must already agree with the position the caller expects to write at.
/// </summary>
/// <param name="StepId">Step the event belongs to (≥ 0).</param>
/// <param name="Kind">Event kind, <c>^[a-z][a-z0-9_]{0,63}$</c>.</param>
/// <param name="Counted">True for the terminal plan/act/observe events of a step.</param>
/// <param name="OccurredAt">When the event happened; stored in UTC, truncated to microseconds.</param>
/// <param name="Json">The validated UTF-8 event document.</param>
public sealed record EventToAppend(
    long StepId,
    string Kind,
    bool Counted,
    DateTimeOffset OccurredAt,
    ReadOnlyMemory<byte> Json);
