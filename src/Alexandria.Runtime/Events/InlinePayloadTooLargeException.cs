using System;

namespace Alexandria.Runtime.Events;

/// <summary>
/// An event document is larger than the inline cap (64 KiB, DOMAIN §1) and the contract gives its
/// payload no pointer to move the bulk to the object store; nothing was written.
/// </summary>
public sealed class InlinePayloadTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InlinePayloadTooLargeException(string kind, long seq, int sizeBytes, int capBytes)
        : base($"The {kind} event at seq {seq} is {sizeBytes} bytes, over the {capBytes}-byte inline cap, and its payload has no blob pointer; " +
               "store the bulk in the object store (observe.result_pointer) and keep the event small.")
    {
        Kind = kind;
        Seq = seq;
        SizeBytes = sizeBytes;
        CapBytes = capBytes;
    }

    /// <summary>Kind of the rejected event.</summary>
    public string Kind { get; }

    /// <summary>The seq the rejected event was meant for.</summary>
    public long Seq { get; }

    /// <summary>Serialized size of the event.</summary>
    public int SizeBytes { get; }

    /// <summary>The cap in force.</summary>
    public int CapBytes { get; }
}
