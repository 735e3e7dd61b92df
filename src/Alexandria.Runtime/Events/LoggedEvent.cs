using Alexandria.Contracts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Events;

/// <summary>An event read back from the log: the stored record (bytes as written) and its typed form.</summary>
/// <param name="Stored">The record as the log holds it.</param>
/// <param name="Event">The same document, deserialized by the generated converters.</param>
public sealed record LoggedEvent(StoredEvent Stored, RunEvent Event)
{
    /// <summary>Sequence number of the event.</summary>
    public long Seq => Stored.Seq;
}
