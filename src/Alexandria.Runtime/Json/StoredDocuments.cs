using System;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Json;

/// <summary>Typed views of what storage returns as bytes, read by the generated converters.</summary>
public static class StoredDocuments
{
    /// <summary>The snapshot <paramref name="stored"/> holds.</summary>
    public static CompactionSnapshot ReadSnapshot(StoredSnapshot stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return ContractJson.DeserializeSnapshot(stored.Json.Span);
    }

    /// <summary>The event <paramref name="stored"/> holds.</summary>
    public static RunEvent ReadEvent(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return ContractJson.DeserializeEvent(stored.Json.Span);
    }
}
