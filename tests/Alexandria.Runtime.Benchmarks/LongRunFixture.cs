using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>Long runs for the read and rebuild benchmarks, written fast (batched appends, one snapshot near the end).</summary>
internal static class LongRunFixture
{
    private const int PrefillBatch = 10_000;

    /// <summary>
    /// Writes <paramref name="eventCount"/> plan/act/observe events to <paramref name="runId"/> and a latest snapshot
    /// covering all but the last <paramref name="tail"/>, so <see cref="RunSession.OpenAsync"/> reads the snapshot and
    /// the tail. The snapshot is folded from the 60 events before the tail: what a session reads is the snapshot's
    /// recorded state, not how it was built.
    /// </summary>
    public static Task WriteAsync(IRuntimeStore store, string runId, int eventCount, int tail)
        => LongRunWorkload.WriteAsync(store, runId, eventCount, PrefillBatch, tail);

    /// <summary>
    /// Typed, contract-valid events stamped for <paramref name="runId"/> at seq <paramref name="firstSeq"/>.. (the
    /// same plan/act/observe cycle and JSON shapes as <see cref="Workload.StorageRows"/>), not yet serialized.
    /// </summary>
    public static RunEvent[] Stamped(string runId, long firstSeq, int count)
    {
        var events = new RunEvent[count];
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var seq = firstSeq + i;
            var step = (seq - 1) / 3;
            RunEvent draft = ((seq - 1) % 3) switch
            {
                0 => Workload.Plan(step),
                1 => Workload.Act(step),
                _ => Workload.Observe(step, Array.Empty<EvidencePointer>()),
            };
            events[i] = draft with { RunId = runId, Seq = seq, EventId = NameBasedUuid.ForEvent(runId, seq), OccurredAt = at.AddSeconds(seq) };
        }

        return events;
    }

    /// <summary>The events of <paramref name="batch"/> as Marten's <c>Append(..., params object[])</c> takes them.</summary>
    public static object[] AsObjects(IReadOnlyList<RunEvent> batch) => batch.ToArray<object>();
}
