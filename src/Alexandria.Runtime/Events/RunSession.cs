using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Runtime.Events;

/// <summary>
/// The single writer of one run: stamps and appends typed events, keeps the loop detector and the
/// compaction window current, and compacts when the <see cref="CompactionTrigger"/> says so —
/// building the snapshot, passing it through the <see cref="InvariantGate"/>, and committing it
/// with its <c>compaction_started</c> and <c>compaction_finished</c> events (or logging why not).
/// </summary>
public sealed class RunSession
{
    private readonly IRuntimeStore _store;
    private readonly RunSessionOptions _options;
    private readonly Compaction.CompactionTrigger _trigger;
    private readonly SnapshotBuilder _builder;
    private readonly InvariantGate _gate;
    private readonly List<RunEvent> _window = new();

    // The bytes of the window's first events as read when the session opened, in the same order (the window's events
    // after those, this session appended: their bytes were only lent to the store, TypedEventLog.PrepareLent, and a reader
    // that wants them gets them serialized again, UseEventJson: the converters write the same bytes for a value).
    private readonly List<ReadOnlyMemory<byte>> _windowJson = new();

    // The log before the snapshot this session resumed from, asked for a call announced there when a new event observes it.
    private HistoryLookback? _history;

    private RunSession(IRuntimeStore store, string runId, RunSessionOptions options)
    {
        _store = store;
        _options = options;
        RunId = runId;
        Log = new TypedEventLog(store.Events, store.Objects, options.Compaction.InlineBlobCapBytes);
        var evidence = new EvidenceResolver(store.Artifacts, store.Objects);
        Artifacts = new ArtifactRecorder(store.Artifacts, store.Objects, evidence);
        Loop = new LoopDetector(options.LoopDetection);
        EventJsonSinceSnapshot = new WindowJson(this);
        _trigger = new Compaction.CompactionTrigger(options.Compaction);
        _builder = new SnapshotBuilder(options.Compaction);
        _gate = new InvariantGate(options.Compaction, evidence);
    }

    /// <summary>The run this session writes.</summary>
    public string RunId { get; }

    /// <summary>The typed event log.</summary>
    public TypedEventLog Log { get; }

    /// <summary>Where the run's tool results and evidence chunks are recorded.</summary>
    public ArtifactRecorder Artifacts { get; }

    /// <summary>Loop-detection state after the last appended event.</summary>
    public LoopDetector Loop { get; private set; }

    /// <summary>The last appended seq (0 for an empty log).</summary>
    public long LastSeq { get; private set; }

    /// <summary>The latest snapshot, or null before the first compaction.</summary>
    public CompactionSnapshot? Latest { get; private set; }

    /// <summary>
    /// The events after the latest snapshot's covered range (all of them, counted and verbose), in seq order, as written:
    /// what the log holds from <c>Latest.CoveredSeq.Last + 1</c>, kept in memory so a reader of "the snapshot plus the
    /// tail" does not read and deserialize the log again.
    /// </summary>
    public IReadOnlyList<RunEvent> EventsSinceSnapshot => _window;

    /// <summary>
    /// The JSON document of each event in <see cref="EventsSinceSnapshot"/> (same order), exactly the bytes the log holds
    /// for it: what was read back when the session opened, or — for an event this session appended — the generated
    /// converters' bytes of it, written again into a new array on each access (the append only lent them to the store).
    /// A reader that looks at the bytes and lets go uses <see cref="UseEventJson{TResult}"/> instead, which allocates nothing.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> EventJsonSinceSnapshot { get; }

    /// <summary>
    /// Hands the JSON document of window event <paramref name="index"/> (as <see cref="EventJsonSinceSnapshot"/>) to
    /// <paramref name="use"/>, lent: valid only during the call, so <paramref name="use"/> must copy what it keeps. An
    /// appended event is serialized again into a per-thread buffer; a nested call gets a buffer of its own.
    /// </summary>
    public TResult UseEventJson<TResult>(int index, Func<ReadOnlyMemory<byte>, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (index < _windowJson.Count)
        {
            return use(_windowJson[index]);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_window.Count, nameof(index));

        var scratch = ReusableJsonBuffer.Rent();
        try
        {
            return use(scratch.Write(_window[index]));
        }
        finally
        {
            ReusableJsonBuffer.Return(scratch);
        }
    }

    /// <summary>The JSON document of <see cref="Latest"/> as the store holds it (empty before the first compaction).</summary>
    public ReadOnlyMemory<byte> LatestJson { get; private set; }

    /// <summary>Counted events since the latest snapshot.</summary>
    public int CountedEventsSinceSnapshot => _trigger.CountedEventsSinceSnapshot;

    /// <summary>Distinct steps since the latest snapshot.</summary>
    public int StepsSinceSnapshot => _trigger.StepsSinceSnapshot;

    /// <summary>
    /// True when an event other than the compaction bookkeeping (<c>compaction_*</c>) happened since the latest
    /// snapshot: a compaction now would record work, not only the previous compaction's own events.
    /// </summary>
    public bool HasWorkSinceSnapshot => _window.Exists(e => e is not (CompactionStartedEvent or CompactionFinishedEvent or CompactionRejectedEvent));

    /// <summary>The time source events are stamped from.</summary>
    public TimeProvider Clock => _options.Clock;

    /// <summary>
    /// Opens <paramref name="runId"/> for writing: reads its latest snapshot and the events after it (the tail), and
    /// resumes loop detection from the snapshot's recorded state — so opening costs the snapshot plus the tail, whatever
    /// the run's length. What the snapshot does not record is read back from just before it (see <see cref="HistoryLookback"/>).
    /// </summary>
    public static async Task<RunSession> OpenAsync(IRuntimeStore store, string runId, RunSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var session = new RunSession(store, runId, options ?? new RunSessionOptions());
        // PostgreSQL reads the snapshot, the history page and the tail in one round trip; other stores piece by piece.
        var opening = store is IRunOpeningReader reader
            ? await reader.ReadOpeningAsync(runId, HistoryLookback.FirstPage, cancellationToken).ConfigureAwait(false)
            : null;
        var latest = opening is null ? await store.Snapshots.GetLatestAsync(runId, cancellationToken).ConfigureAwait(false) : opening.Latest;
        session.Latest = latest is null ? null : ContractJson.DeserializeSnapshot(latest.Json.Span);
        session.LatestJson = latest?.Json ?? default;
        var coveredThrough = session.Latest?.CoveredSeq.Last ?? 0;
        session.LastSeq = coveredThrough;
        if (opening is not null && latest?.LastSeq != session.Latest?.CoveredSeq.Last)
        {
            // The row's range disagrees with the document's: the one read was split at the row's; read again at the document's.
            opening = null;
        }

        if (opening is not null)
        {
            foreach (var stored in opening.Tail)
            {
                session.Track(ContractJson.DeserializeEvent(stored.Json.Span), stored.Json);
                session.LastSeq = stored.Seq;
            }
        }
        else
        {
            await foreach (var logged in session.Log.ReadRangeAsync(runId, coveredThrough + 1, null, cancellationToken).ConfigureAwait(false))
            {
                session.Track(logged.Event, logged.Stored.Json);
                session.LastSeq = logged.Seq;
            }
        }

        if (session.Latest is { } snapshot)
        {
            session._history = new HistoryLookback(session.Log, runId, coveredThrough, opening?.History);
            session.Loop = await session._history.ResumeAsync(session._options.LoopDetection, snapshot.LoopDetection, session._window, cancellationToken).ConfigureAwait(false);
        }

        foreach (var evt in session._window)
        {
            LoopDetectorFeed.Apply(session.Loop, evt);
        }

        return session;
    }

    /// <summary>
    /// Appends <paramref name="draft"/>. Its <c>step_id</c>, <c>agent_role</c>, <c>kind</c> and payload are
    /// kept; <c>run_id</c>, <c>seq</c>, <c>event_id</c> (name-based on run and seq) and <c>occurred_at</c>
    /// are stamped here. Returns the event as written and any loop signals it raised.
    /// </summary>
    /// <exception cref="EventRefusedException">The event would make the run impossible to compact: a step id the latest
    /// snapshot already covers, or a plan without an objective before any plan stated one.</exception>
    public async Task<AppendedEvent> AppendAsync(RunEvent draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        RefuseUncompactable(draft, index: null);
        var stamped = Stamp(draft, LastSeq + 1);
        var single = new[] { stamped };
        await RecallCallsAsync(single, cancellationToken).ConfigureAwait(false);
        await AppendLentAsync(single, cancellationToken).ConfigureAwait(false);
        return new AppendedEvent(stamped, Accept(stamped));
    }

    /// <summary>
    /// Appends <paramref name="drafts"/> in order as one atomic batch — one durable write: after a crash the log holds
    /// all of them or none. Each is stamped as by <see cref="AppendAsync(RunEvent, CancellationToken)"/> (consecutive
    /// seqs) and checked the same way; one refused draft refuses the batch and nothing is written. Returns each event
    /// as written with the loop signals it raised, in order.
    /// </summary>
    /// <exception cref="EventRefusedException">A draft would make the run impossible to compact (its index says which).</exception>
    public async Task<IReadOnlyList<AppendedEvent>> AppendAsync(IReadOnlyList<RunEvent> drafts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return Array.Empty<AppendedEvent>();
        }

        var stamped = new RunEvent[drafts.Count];
        var objectiveInBatch = false;
        for (var i = 0; i < drafts.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(drafts[i], nameof(drafts));
            RefuseUncompactable(drafts[i], i, objectiveInBatch);
            objectiveInBatch |= drafts[i] is PlanEvent { Payload.Objective: { Length: > 0 } };
            stamped[i] = Stamp(drafts[i], LastSeq + 1 + i);
        }

        await RecallCallsAsync(stamped, cancellationToken).ConfigureAwait(false);
        await AppendLentAsync(stamped, cancellationToken).ConfigureAwait(false);
        var appended = new AppendedEvent[stamped.Length];
        for (var i = 0; i < stamped.Length; i++)
        {
            appended[i] = new AppendedEvent(stamped[i], Accept(stamped[i]));
        }

        return appended;
    }

    /// <summary>
    /// Validates and writes <paramref name="events"/> (stamped for the seqs after <see cref="LastSeq"/>) as one batch, their
    /// documents lent to the store for the call and given back after it, whether it wrote or threw.
    /// </summary>
    private async Task AppendLentAsync(IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        var batch = Log.PrepareLent(RunId, LastSeq, events, out var lent);
        using (lent)
        {
            await Log.AppendPreparedAsync(RunId, LastSeq, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True for the kinds only the runtime writes (<c>compaction_started</c>, <c>compaction_finished</c>,
    /// <c>compaction_rejected</c>): a client that appends one would forge the run's compaction history.
    /// </summary>
    public static bool IsRuntimeOwned(RunEvent evt)
        => evt is CompactionStartedEvent or CompactionFinishedEvent or CompactionRejectedEvent;

    /// <summary>
    /// Appends events a caller numbered and stamped itself (the HTTP API's optimistic append): each keeps its
    /// <c>event_id</c> and <c>occurred_at</c>, and must carry this run's id and the seqs after
    /// <paramref name="expectedLastSeq"/>. Validation, the inline cap, loop detection and the compaction window
    /// are the same as for <see cref="AppendAsync(RunEvent, CancellationToken)"/>. Returns the loop signals the batch raised.
    /// </summary>
    /// <exception cref="SequenceConflictException">The run does not end at <paramref name="expectedLastSeq"/>; nothing is written.</exception>
    /// <exception cref="ArgumentException">An event is runtime-owned (<see cref="IsRuntimeOwned"/>) or numbered for another place.</exception>
    public async Task<IReadOnlyList<LoopSignal>> AppendNumberedAsync(long expectedLastSeq, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (expectedLastSeq != LastSeq)
        {
            throw new SequenceConflictException(RunId, expectedLastSeq, LastSeq);
        }

        if (events.FirstOrDefault(IsRuntimeOwned) is { } owned)
        {
            throw new ArgumentException($"Event seq {owned.Seq} is a '{owned.Kind}' event, which only the runtime writes.", nameof(events));
        }

        var objectiveInBatch = false;
        for (var i = 0; i < events.Count; i++)
        {
            RefuseUncompactable(events[i], i, objectiveInBatch);
            objectiveInBatch |= events[i] is PlanEvent { Payload.Objective: { Length: > 0 } };
        }

        await RecallCallsAsync(events, cancellationToken).ConfigureAwait(false);
        await AppendLentAsync(events, cancellationToken).ConfigureAwait(false);
        var signals = new List<LoopSignal>();
        for (var i = 0; i < events.Count; i++)
        {
            signals.AddRange(Accept(events[i]));
        }

        return signals;
    }

    /// <summary>
    /// True when <see cref="EndStepAsync"/> would compact now. A writer that holds records back to batch them with its
    /// next append (the agent loop) writes them first when it is, so the snapshot covers them.
    /// </summary>
    public bool CompactionDue => _trigger.Due() is not null && ObjectiveStated && RetryDue();

    /// <summary>
    /// Marks the end of a step: compacts when counted events or steps since the latest snapshot
    /// reached their threshold. Returns what the compaction did, or null when none was due.
    /// </summary>
    public async Task<CompactionOutcome?> EndStepAsync(CancellationToken cancellationToken = default)
    {
        // Until a plan states the objective no snapshot can be valid: wait for it rather than log a rejection; after a
        // rejection, wait out the back-off.
        return _trigger.Due() is { } trigger && ObjectiveStated && RetryDue()
            ? await CompactAsync(trigger, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Compacts the events since the latest snapshot now, for <paramref name="trigger"/>.</summary>
    public Task<CompactionOutcome> CompactAsync(ContractTrigger trigger, CancellationToken cancellationToken = default)
        => CompactAsync(trigger, alter: null, cancellationToken);

    /// <summary>
    /// The compaction itself; <paramref name="alter"/> lets tests change the built snapshot before the
    /// gate sees it, to prove the gate stops what the builder would never produce.
    /// </summary>
    /// <remarks>
    /// <c>compaction_started</c> is stamped first but written last, in one batch with the event that
    /// closes it: with <c>compaction_rejected</c> in one durable write, or with
    /// <c>compaction_finished</c> through <see cref="IRuntimeStore.CommitCompactionAsync"/>, together
    /// with the snapshot and its <c>latest</c> move. Neither event is part of the window it reports on,
    /// so the snapshot and the log read the same as when they were written one by one.
    /// </remarks>
    internal async Task<CompactionOutcome> CompactAsync(ContractTrigger trigger, Func<CompactionSnapshot, CompactionSnapshot>? alter, CancellationToken cancellationToken)
    {
        if (_window.Count == 0)
        {
            throw new InvalidOperationException("There are no events since the latest snapshot to compact.");
        }

        var window = new CompactionWindow(RunId, Latest, _window.ToArray());
        // The bookkeeping events belong to the step after the window's last; a window that already reached the
        // largest step id keeps it rather than overflowing into an id the contract refuses (a compaction that can never be written).
        var lastStep = window.Events.Max(e => e.StepId);
        var step = lastStep == long.MaxValue ? lastStep : lastStep + 1;
        var started = Stamp(
            new CompactionStartedEvent
            {
                EventId = Guid.Empty,
                RunId = RunId,
                Seq = 1,
                StepId = step,
                AgentRole = AgentRole.Planner,
                OccurredAt = default,
                Payload = new CompactionStartedPayload
                {
                    Trigger = trigger,
                    CountedEventsSinceSnapshot = window.Events.Count(e => e.IsCounted),
                    StepsSinceSnapshot = window.Events.Select(e => e.StepId).Distinct().Count(),
                    ParentSnapshotId = Latest?.SnapshotId,
                },
            },
            LastSeq + 1);
        var startedRow = Log.Prepare(started);

        // The builder's size checks serialize into a reused buffer, which then holds the built snapshot's bytes.
        var scratch = ReusableJsonBuffer.Rent();
        CompactionSnapshot candidate;
        byte[] json;
        try
        {
            candidate = _builder.Build(window, Loop, scratch);
            json = alter is null ? scratch.Written.ToArray() : ContractJson.Serialize(candidate = alter(candidate));
        }
        finally
        {
            ReusableJsonBuffer.Return(scratch);
        }

        var verdict = await _gate.CheckAsync(candidate, json, window, cancellationToken).ConfigureAwait(false);
        if (!verdict.Passed)
        {
            var rejected = Stamp(
                new CompactionRejectedEvent
                {
                    EventId = Guid.Empty,
                    RunId = RunId,
                    Seq = 1,
                    StepId = step,
                    AgentRole = AgentRole.Planner,
                    OccurredAt = default,
                    Payload = new CompactionRejectedPayload
                    {
                        Reason = verdict.Reason!.Value,
                        Violations = verdict.Violations.Take(100).Select(v => v.Length <= 2000 ? v : v[..1999] + "…").ToList(),
                    },
                },
                LastSeq + 2);
            var rejectedRow = Log.Prepare(rejected);
            await _store.Events.AppendAsync(RunId, LastSeq, new[] { startedRow, rejectedRow }, cancellationToken).ConfigureAwait(false);
            Accept(started);
            Accept(rejected);


            return new CompactionOutcome(trigger, null, verdict);
        }

        var finished = Stamp(
            new CompactionFinishedEvent
            {
                EventId = Guid.Empty,
                RunId = RunId,
                Seq = 1,
                StepId = step,
                AgentRole = AgentRole.Planner,
                OccurredAt = default,
                Payload = new CompactionFinishedPayload
                {
                    SnapshotId = candidate.SnapshotId,
                    CoveredSeq = candidate.CoveredSeq,
                    CoveredSteps = candidate.CoveredSteps,
                },
            },
            LastSeq + 2);
        var finishedRow = Log.Prepare(finished);
        await _store.CommitCompactionAsync(
            new StoredSnapshot(RunId, candidate.SnapshotId, candidate.ParentSnapshotId, candidate.CoveredSeq.First, candidate.CoveredSeq.Last, candidate.CreatedAt, json),
            expectedLatest: Latest?.SnapshotId,
            expectedLastSeq: LastSeq,
            new[] { startedRow, finishedRow },
            cancellationToken).ConfigureAwait(false);
        Latest = candidate;
        LatestJson = json;

        // The window moves past what the snapshot covers; compaction_started and _finished open the next one.
        _window.RemoveRange(0, window.Events.Count);
        _windowJson.RemoveRange(0, Math.Min(window.Events.Count, _windowJson.Count));
        _trigger.Reset();
        Accept(started);
        Accept(finished);
        return new CompactionOutcome(trigger, candidate, verdict);
    }

    /// <summary>
    /// Refuses what compaction could never fold: every snapshot's steps continue right after its parent's (so a step
    /// id the latest snapshot covers can never be compacted), and a snapshot states the run's objective (so the
    /// first plan must state it).
    /// </summary>
    private void RefuseUncompactable(RunEvent draft, int? index, bool objectiveInBatch = false)
    {
        if (Latest is { } latest && draft.StepId <= latest.CoveredSteps.Last)
        {
            throw new EventRefusedException(
                "/step_id",
                $"step {draft.StepId} is already compacted: the latest snapshot covers steps {latest.CoveredSteps.First}..{latest.CoveredSteps.Last}, so new events use step {latest.CoveredSteps.Last + 1} or later.",
                index);
        }

        // The window is scanned only for a plan without an objective, never on the ordinary append path.
        if (draft is PlanEvent { Payload: var plan } && string.IsNullOrEmpty(plan.Objective) && !objectiveInBatch && !ObjectiveStated)
        {
            throw new EventRefusedException(
                "/payload/objective",
                "the run's first plan must state its objective: a snapshot carries the objective, and none has been stated yet.",
                index);
        }
    }

    /// <summary>
    /// Retrying a rejected compaction at every step boundary would log two events per step for as long as the cause
    /// lasts, so automatic retries back off exponentially: after the k-th rejection since the latest snapshot, the next
    /// try waits for 2^(k-1) steps (1, 2, 4, … up to 64) after it. Derived from the log's window, not from memory, so a
    /// session reopened per request (the server) backs off the same way.
    /// </summary>
    private bool RetryDue()
    {
        var rejections = 0;
        var stepsSince = new HashSet<long>();
        foreach (var evt in _window)
        {
            if (evt is CompactionRejectedEvent)
            {
                rejections++;
                stepsSince.Clear();
            }
            else if (evt is not CompactionStartedEvent)
            {
                stepsSince.Add(evt.StepId);
            }
        }

        return rejections == 0 || stepsSince.Count >= 1 << Math.Min(rejections - 1, 6);
    }

    /// <summary>Whether a plan of this run has stated the objective (so a snapshot can carry it).</summary>
    private bool ObjectiveStated => !string.IsNullOrEmpty(Latest?.Objective) || _window.Exists(e => e is PlanEvent { Payload.Objective: { Length: > 0 } });

    /// <summary>
    /// <paramref name="draft"/> as it is written at <paramref name="seq"/>: run id, seq, name-based
    /// event id and the clock's time (microseconds, as storage keeps it).
    /// </summary>
    private RunEvent Stamp(RunEvent draft, long seq) => draft with
    {
        RunId = RunId,
        Seq = seq,
        EventId = NameBasedUuid.ForEvent(RunId, seq),
        OccurredAt = TruncateToMicroseconds(_options.Clock.GetUtcNow()),
    };

    /// <summary>
    /// A session resumed from a snapshot knows the calls announced since; an observation of an older call has the
    /// history before the snapshot name it first, so the loop detector and the next snapshot read it as a fold from
    /// seq 1 would.
    /// </summary>
    private async Task RecallCallsAsync(IReadOnlyList<RunEvent> events, CancellationToken cancellationToken)
    {
        if (_history is null)
        {
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is ObserveEvent { Payload.CallId: var callId } && !AnnouncedBefore(events, i, callId))
            {
                await _history.RecallAsync(Loop, callId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool AnnouncedBefore(IReadOnlyList<RunEvent> events, int index, string callId)
    {
        for (var i = 0; i < index; i++)
        {
            if (events[i] is ActEvent { Payload.CallId: var announced } && announced == callId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes a written event into the session's state; returns the loop signals it raised.</summary>
    private IReadOnlyList<LoopSignal> Accept(RunEvent written)
    {
        LastSeq = written.Seq;
        var signals = LoopDetectorFeed.Apply(Loop, written);
        Track(written);
        return signals;
    }

    /// <summary>An event read from the log at open: its bytes are kept as read.</summary>
    private void Track(RunEvent evt, ReadOnlyMemory<byte> json)
    {
        _windowJson.Add(json);
        Track(evt);
    }

    private void Track(RunEvent evt)
    {
        _window.Add(evt);
        _trigger.Observe(evt.StepId, evt.IsCounted);
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary><see cref="EventJsonSinceSnapshot"/>: the bytes read at open, or a new array of an appended event's bytes.</summary>
    private sealed class WindowJson(RunSession session) : IReadOnlyList<ReadOnlyMemory<byte>>
    {
        public int Count => session._window.Count;

        public ReadOnlyMemory<byte> this[int index]
            => index < session._windowJson.Count ? session._windowJson[index] : ContractJson.Serialize(session._window[index]);

        public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>An event as appended, and the loop signals it raised.</summary>
/// <param name="Event">The stamped event.</param>
/// <param name="LoopSignals">Loop heuristics that reached their threshold with this event.</param>
public sealed record AppendedEvent(RunEvent Event, IReadOnlyList<LoopSignal> LoopSignals);
