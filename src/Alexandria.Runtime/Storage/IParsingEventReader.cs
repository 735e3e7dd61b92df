using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>Turns one event's stored JSON into what the caller keeps; the bytes are valid only during the call.</summary>
internal delegate T EventJsonParser<T>(ReadOnlySpan<byte> json);

/// <summary>
/// An event log that can hand each event's JSON to a parser where it lies in a pooled read buffer, instead of returning
/// <see cref="StoredEvent"/>s that own a copy: replay keeps the typed events and nothing else.
/// </summary>
internal interface IParsingEventReader
{
    /// <summary>As <see cref="IEventLog.ReadAsync"/>, with every check, returning what <paramref name="parse"/> makes of each event.</summary>
    Task<IReadOnlyList<T>> ReadParsedAsync<T>(string runId, long fromSeq, int maxCount, EventJsonParser<T> parse, CancellationToken cancellationToken);
}
