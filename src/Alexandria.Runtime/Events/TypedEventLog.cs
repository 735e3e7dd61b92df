using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Events;

/// <summary>
/// The typed face of the event log. Every event is serialized by the generated converters, checked
/// by the generated <c>RunEventValidator</c> and the inline cap, and only then handed to
/// <see cref="IEventLog"/> as bytes; counted vs verbose comes from the generated
/// <c>IsCounted</c> (the contract's <c>x-alexandria-counted</c>), never from a list kept here.
/// </summary>
public sealed class TypedEventLog
{
    private const int ReadPageSize = 1000;
    private const int FirstPageSize = 32;

    private readonly IEventLog _log;
    private readonly IObjectStore _objects;
    private readonly int _inlineCapBytes;

    /// <summary>Creates the facade over <paramref name="log"/> and <paramref name="objects"/>.</summary>
    /// <param name="log">Where event bytes are appended.</param>
    /// <param name="objects">Where payloads too large to inline go.</param>
    /// <param name="inlineCapBytes">Largest event document kept inline (64 KiB by default).</param>
    public TypedEventLog(IEventLog log, IObjectStore objects, int inlineCapBytes = 64 * 1024)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _inlineCapBytes = inlineCapBytes;
    }

    /// <summary>The run's last sequence number (0 for an empty log).</summary>
    public Task<long> GetLastSeqAsync(string runId, CancellationToken cancellationToken = default)
        => _log.GetLastSeqAsync(runId, cancellationToken);

    /// <summary>
    /// Appends <paramref name="events"/> atomically after <paramref name="expectedLastSeq"/>. Each
    /// event's <c>run_id</c> and <c>seq</c> must already be the ones it is written at.
    /// </summary>
    /// <exception cref="EventValidationException">An event fails the generated validator; nothing is written.</exception>
    /// <exception cref="InlinePayloadTooLargeException">An event is over the inline cap; nothing is written.</exception>
    /// <exception cref="SequenceConflictException">Another writer appended first; nothing is written.</exception>
    /// <remarks>
    /// The documents are serialized into one rented array and lent to <see cref="IEventLog.AppendAsync"/> for the call:
    /// an <see cref="IEventLog"/> copies what it keeps (the embedded store into its record, PostgreSQL into its
    /// parameters) and must not hold on to <see cref="EventToAppend.Json"/> after its task completes.
    /// </remarks>
    public async Task<AppendedRange> AppendAsync(string runId, long expectedLastSeq, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        var batch = PrepareLent(runId, expectedLastSeq, events, out var lent);
        using (lent)
        {
            return await AppendPreparedAsync(runId, expectedLastSeq, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a batch <see cref="Prepare(string, long, IReadOnlyList{RunEvent})"/> made.</summary>
    internal Task<AppendedRange> AppendPreparedAsync(string runId, long expectedLastSeq, EventToAppend[] batch, CancellationToken cancellationToken)
        => _log.AppendAsync(runId, expectedLastSeq, batch, cancellationToken);

    /// <summary>
    /// Serializes, validates and size-checks <paramref name="events"/> as the batch after <paramref name="expectedLastSeq"/>
    /// without writing it: the caller keeps each event's bytes (the session's window does).
    /// </summary>
    internal EventToAppend[] Prepare(string runId, long expectedLastSeq, IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var batch = new EventToAppend[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            CheckPlace(events[i], runId, expectedLastSeq + 1 + i, i);
            batch[i] = Prepare(events[i]);
        }

        return batch;
    }

    /// <summary>
    /// As <see cref="Prepare(string, long, IReadOnlyList{RunEvent})"/>, with every document in one array rented for the
    /// append (<paramref name="lent"/>): the batch's <see cref="EventToAppend.Json"/> is valid until the caller disposes it,
    /// after the append returned. Nothing is kept; a reader that wants an event's bytes later serializes it again (the
    /// converters write the same bytes for the same value).
    /// </summary>
    internal EventToAppend[] PrepareLent(string runId, long expectedLastSeq, IReadOnlyList<RunEvent> events, out LentBytes lent)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            CheckPlace(events[i], runId, expectedLastSeq + 1 + i, i);
        }

        Span<Range> ranges = events.Count <= 16 ? stackalloc Range[16] : new Range[events.Count];
        lent = LentJson.SerializeEach(events, ranges);
        try
        {
            var batch = new EventToAppend[events.Count];
            var bytes = lent.Memory;
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = Checked(events[i], bytes[ranges[i]]);
            }

            return batch;
        }
        catch
        {
            lent.Dispose();
            throw;
        }
    }

    private static void CheckPlace(RunEvent evt, string runId, long seq, int index)
    {
        if (!string.Equals(evt.RunId, runId, StringComparison.Ordinal) || evt.Seq != seq)
        {
            throw new ArgumentException(
                $"Event {index} of the batch is stamped run '{evt.RunId}' seq {evt.Seq} but would be written to run '{runId}' at seq {seq}.",
                "events");
        }
    }

    /// <summary>Serializes, validates and size-checks one event without writing it.</summary>
    internal EventToAppend Prepare(RunEvent evt) => Checked(evt, ContractJson.Serialize(evt));

    /// <summary>Validates and size-checks <paramref name="json"/>, the document of <paramref name="evt"/>.</summary>
    private EventToAppend Checked(RunEvent evt, ReadOnlyMemory<byte> json)
    {
        var kind = evt.Kind;
        // The streaming check (no allocation) clears almost every event; a refused one gets the full report, and the
        // report decides: a pattern match that hit its time limit on a starved machine in the fast pass (and not in the
        // second) must not refuse the runtime's own valid event with an empty list of reasons.
        if (!RunEventValidator.IsValid(json.Span) && RunEventValidator.Validate(json.Span) is { IsValid: false } result)
        {
            throw new EventValidationException(kind, result.Errors.Select(e => $"{Pointer(e.InstancePointer)}: {e.Keyword}: {e.Message}").ToArray());
        }

        if (json.Length > _inlineCapBytes)
        {
            throw new InlinePayloadTooLargeException(kind, evt.Seq, json.Length, _inlineCapBytes);
        }

        return new EventToAppend(evt.StepId, kind, evt.IsCounted, evt.OccurredAt, json);
    }

    /// <summary>Reads at most <paramref name="maxCount"/> events from <paramref name="fromSeq"/>, typed.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(string runId, long fromSeq, int maxCount, CancellationToken cancellationToken = default)
    {
        var stored = await _log.ReadAsync(runId, fromSeq, maxCount, cancellationToken).ConfigureAwait(false);
        var typed = new LoggedEvent[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            typed[i] = new LoggedEvent(stored[i], ContractJson.DeserializeEvent(stored[i].Json.Span));
        }

        return typed;
    }

    /// <summary>Streams the events from <paramref name="fromSeq"/> through <paramref name="toSeq"/> (inclusive; the end of the log when null), in pages of 32 growing to 1,000 events.</summary>
    public async IAsyncEnumerable<LoggedEvent> ReadRangeAsync(
        string runId,
        long fromSeq = 1,
        long? toSeq = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(1, fromSeq);
        // Pages grow from 32 to 1,000 events: a store sizes its result by the count asked for, and most ranges read
        // this way are short (a session's tail after its snapshot; an agent run opened new, which has none).
        var size = FirstPageSize;
        while (toSeq is null || next <= toSeq)
        {
            var want = toSeq is { } last ? (int)Math.Min(size, last - next + 1) : size;
            size = Math.Min(size * 2, ReadPageSize);
            var page = await ReadAsync(runId, next, want, cancellationToken).ConfigureAwait(false);
            foreach (var evt in page)
            {
                yield return evt;
            }

            if (page.Count < want)
            {
                yield break;
            }

            next = page[^1].Seq + 1;
        }
    }

    /// <summary>
    /// Streams the events from <paramref name="throughSeq"/> back to seq 1, newest first, in pages that grow from 32 to
    /// 1,000 events: a reader that needs only the last few events before a point (a snapshot's end) pays one small read,
    /// and one that must go further back is not charged a round trip per event.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> ReadBackwardAsync(string runId, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var end = throughSeq;
        var size = FirstPageSize;
        while (end >= 1)
        {
            var from = Math.Max(1, end - size + 1);
            var page = await ReadAsync(runId, from, (int)(end - from + 1), cancellationToken).ConfigureAwait(false);
            for (var i = page.Count - 1; i >= 0; i--)
            {
                yield return page[i].Event;
            }

            end = from - 1;
            size = Math.Min(size * 2, ReadPageSize);
        }
    }

    /// <summary>
    /// Streams the typed events from seq 1 to the end of the log. Where the log can parse in place (the embedded store),
    /// each event is deserialized straight from a pooled read buffer and its stored envelope is never materialized:
    /// what replay wants, as it keeps only the typed events.
    /// </summary>
    internal async IAsyncEnumerable<RunEvent> ReadEventsAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_log is not IParsingEventReader parsing)
        {
            await foreach (var logged in ReadRangeAsync(runId, 1, null, cancellationToken).ConfigureAwait(false))
            {
                yield return logged.Event;
            }

            yield break;
        }

        long next = 1;
        while (true)
        {
            var page = await parsing.ReadParsedAsync(runId, next, ReadPageSize, ParseEvent, cancellationToken).ConfigureAwait(false);
            foreach (var evt in page)
            {
                yield return evt;
            }

            if (page.Count < ReadPageSize)
            {
                yield break;
            }

            next = page[^1].Seq + 1;
        }
    }

    private static readonly EventJsonParser<RunEvent> ParseEvent = ContractJson.DeserializeEvent;

    /// <summary>
    /// Puts a payload in the run-addressed object store and returns the contract's
    /// <c>blob_pointer</c> to it — how anything over the inline cap travels. <paramref name="content"/> is only read
    /// during the call (the object store copies it into its file), so a caller may lend a rented buffer (<see cref="LentJson"/>).
    /// </summary>
    public async Task<BlobPointer> StoreBlobAsync(string runId, ReadOnlyMemory<byte> content, string mimeType, CancellationToken cancellationToken = default)
    {
        var pointer = await _objects.PutAsync(runId, content, cancellationToken).ConfigureAwait(false);
        return new BlobPointer
        {
            ObjectPath = pointer.ObjectPath,
            Sha256 = pointer.Sha256,
            SizeBytes = pointer.SizeBytes,
            MimeType = mimeType,
        };
    }

    /// <summary>Reads the bytes a <c>blob_pointer</c> names, hash-verified by the object store.</summary>
    public Task<byte[]> ReadBlobAsync(string runId, BlobPointer pointer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return _objects.ReadAsync(runId, pointer.Sha256, cancellationToken);
    }

    private static string Pointer(string pointer) => pointer.Length == 0 ? "(root)" : pointer;
}
