using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Alexandria.Contracts;

namespace Alexandria.Client;

/// <summary>Reading a run's log across pages, which every consumer of <c>readEvents</c> otherwise writes itself.</summary>
public partial class AlexandriaClient
{
    /// <summary>The largest page <c>readEvents</c> serves (its <c>limit</c> maximum in openapi.json).</summary>
    public const int MaxEventPage = 1000;

    /// <summary>
    /// The run's events from <paramref name="fromSeq"/> in seq order, at most <paramref name="maxCount"/>, following
    /// <c>next_seq</c> page by page.
    /// </summary>
    /// <remarks>
    /// openapi.json declares <c>from_seq</c> a plain integer, so NSwag types it <c>int</c>: a seq past 2^31 cannot be
    /// asked for (an <see cref="OverflowException"/>) until the contract says int64.
    /// </remarks>
    public async IAsyncEnumerable<RunEvent> ReadAllEventsAsync(string runId, long fromSeq = 1, long maxCount = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long read = 0;
        long? next = fromSeq;
        while (next is { } from && read < maxCount)
        {
            var page = await ReadEventsAsync(runId, checked((int)from), (int)Math.Min(MaxEventPage, maxCount - read), cancellationToken).ConfigureAwait(false);
            foreach (var evt in page.Events)
            {
                read++;
                yield return evt;
            }
            // A page that brings nothing cannot advance; asking again would loop forever.
            next = page.Events.Count == 0 ? null : page.NextSeq;
        }
    }
}
