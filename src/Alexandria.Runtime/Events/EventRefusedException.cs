using System;

namespace Alexandria.Runtime.Events;

/// <summary>
/// A schema-valid event the run cannot take: appending it would leave the run unable to compact ever again
/// (DOMAIN §2 — what the log accepts, compaction must handle). Nothing was written.
/// </summary>
public sealed class EventRefusedException : Exception
{
    /// <summary>Creates the refusal of the event's member at <paramref name="pointer"/>.</summary>
    public EventRefusedException(string pointer, string reason, int? index = null)
        : base($"{(index is { } i ? $"event {i} " : "")}{pointer}: {reason} Nothing was written.")
    {
        Pointer = pointer;
        Reason = reason;
        Index = index;
    }

    /// <summary>Position of the refused event in the batch, for a batch append; null for a single append.</summary>
    public int? Index { get; }

    /// <summary>JSON pointer of the refused member within the event, e.g. <c>/step_id</c>.</summary>
    public string Pointer { get; }

    /// <summary>Why, without the pointer.</summary>
    public string Reason { get; }
}
