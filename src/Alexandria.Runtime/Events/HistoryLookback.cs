using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Events;

/// <summary>
/// What a session resumed from a snapshot needs from the log before the snapshot's end, read backward from there and
/// only as far as needed — so opening a run costs the snapshot plus the tail, not the run's length. A snapshot records
/// the loop detector's counters but not the last observation's identity, the call hash an active override was chosen
/// at, or which tool an older call id named; in a run that compacts at step ends these sit within the last step or
/// two before the snapshot's end. A question the history cannot answer (an observation of a call no act announced)
/// reads back to seq 1: correct, only slower.
/// </summary>
internal sealed class HistoryLookback
{
    /// <summary>The first backward page: the history a store that reads the opening at once (PostgreSQL) reads with it.</summary>
    internal const int FirstPage = 32;

    private readonly TypedEventLog _log;
    private readonly string _runId;
    private readonly long _endSeq;
    private readonly HashSet<string> _absent = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<StoredEvent>? _firstPage;

    /// <param name="log">The run's log.</param>
    /// <param name="runId">The run.</param>
    /// <param name="endSeq">The last seq of the history (the snapshot's covered last seq); later events are fed by the session.</param>
    /// <param name="firstPage">The <see cref="FirstPage"/> events through <paramref name="endSeq"/> when already read
    /// (with the snapshot and the tail, in one round trip), in seq order; null to read them when first wanted.</param>
    public HistoryLookback(TypedEventLog log, string runId, long endSeq, IReadOnlyList<StoredEvent>? firstPage = null)
    {
        _log = log;
        _runId = runId;
        _endSeq = endSeq;
        _firstPage = firstPage;
    }

    /// <summary>
    /// The loop detector as it stood after <c>endSeq</c>, from the snapshot's recorded state and a backward read,
    /// and knowing the calls <paramref name="tail"/> observes without announcing them itself.
    /// </summary>
    public async Task<LoopDetector> ResumeAsync(LoopDetectionThresholds? thresholds, LoopDetectionState state, IReadOnlyList<RunEvent> tail, CancellationToken cancellationToken)
    {
        // Observations whose call the history must still name, newest first, each with its call's hash once an act
        // announces it. Reading backward, every act lies before every pending observation, so it answers each pending
        // one with its call id (the latest act before it). The newest answered observation is the detector's last
        // pair; an observation of a call never announced is skipped, as the detector skipped it.
        var pending = new List<(ObservePayload Observe, string? Hash)>();
        var pairSettled = false;

        // The active override's loop hash: the hash of the last act before the newest plan that chose an override.
        var overrideSettled = state.ActiveOverride is null || state.RecentCallHashes.Count == 0;
        var overridePlanSeen = false;
        string? overrideLoopHash = null;

        var wanted = UnannouncedCalls(tail);
        var found = new List<ToolCall>();

        await foreach (var evt in ReadBackwardAsync(cancellationToken).ConfigureAwait(false))
        {
            if (pairSettled && overrideSettled && wanted.Count == 0)
            {
                break;
            }

            switch (evt)
            {
                case ObserveEvent { Payload: var observe } when !pairSettled:
                    pending.Add((observe, null));
                    break;
                case PlanEvent { Payload.ChosenOverride: not null } when !overrideSettled:
                    overridePlanSeen = true;
                    break;
                case ActEvent { Payload: var act }:
                    var hash = CallHash.Compute(act.ToolName, act.Arguments);
                    if (!overrideSettled && overridePlanSeen)
                    {
                        overrideLoopHash = hash;
                        overrideSettled = true;
                    }

                    if (wanted.Remove(act.CallId))
                    {
                        found.Add(new ToolCall(act.CallId, act.ToolName, hash));
                    }

                    for (var i = 0; i < pending.Count; i++)
                    {
                        if (pending[i].Hash is null && pending[i].Observe.CallId == act.CallId)
                        {
                            pending[i] = (pending[i].Observe, hash);
                        }
                    }

                    pairSettled |= pending.Count > 0 && pending[0].Hash is not null;
                    break;
            }
        }

        (string, string, string)? lastObserved = pending.FirstOrDefault(p => p.Hash is not null) is ({ } last, { } lastHash)
            ? (lastHash, ContractJson.Name(last.Status), LoopDetectorFeed.Fingerprint(last))
            : null;

        var detector = LoopDetector.Resume(thresholds, state, lastObserved, overrideLoopHash);
        foreach (var call in found)
        {
            detector.Remember(call);
        }

        _absent.UnionWith(wanted);
        return detector;
    }

    /// <summary>
    /// Makes <paramref name="detector"/> know the call <paramref name="callId"/> when the history announced it; a call id
    /// the history lacks is remembered as absent, so it is looked for once.
    /// </summary>
    public async Task RecallAsync(LoopDetector detector, string callId, CancellationToken cancellationToken)
    {
        if (detector.TryGetCall(callId, out _) || _absent.Contains(callId))
        {
            return;
        }

        if (await FindActAsync(callId, _endSeq, cancellationToken).ConfigureAwait(false) is { } call)
        {
            detector.Remember(call);
        }
        else
        {
            _absent.Add(callId);
        }
    }

    /// <summary>Call ids <paramref name="tail"/> observes before (or without) announcing them.</summary>
    private static HashSet<string> UnannouncedCalls(IReadOnlyList<RunEvent> tail)
    {
        var announced = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evt in tail)
        {
            if (evt is ActEvent act)
            {
                announced.Add(act.Payload.CallId);
            }
            else if (evt is ObserveEvent observe && !announced.Contains(observe.Payload.CallId))
            {
                wanted.Add(observe.Payload.CallId);
            }
        }

        return wanted;
    }

    /// <summary>The latest act at or before <paramref name="throughSeq"/> announcing <paramref name="callId"/>, or null.</summary>
    private async Task<ToolCall?> FindActAsync(string callId, long throughSeq, CancellationToken cancellationToken)
    {
        await foreach (var evt in ReadBackwardAsync(cancellationToken, throughSeq).ConfigureAwait(false))
        {
            if (evt is ActEvent { Payload: var act } && act.CallId == callId)
            {
                return new ToolCall(act.CallId, act.ToolName, CallHash.Compute(act.ToolName, act.Arguments));
            }
        }

        return null;
    }

    /// <summary>
    /// The history newest first: the first page from what the opening already read (one round trip on PostgreSQL),
    /// the rest through <see cref="TypedEventLog.ReadBackwardAsync"/>.
    /// </summary>
    private async IAsyncEnumerable<RunEvent> ReadBackwardAsync([EnumeratorCancellation] CancellationToken cancellationToken, long? throughSeq = null)
    {
        var end = throughSeq ?? _endSeq;
        if (end == _endSeq && _firstPage is not null)
        {
            // Deserialized as reached: a backward read usually stops within the first few events.
            for (var i = _firstPage.Count - 1; i >= 0; i--)
            {
                yield return ContractJson.DeserializeEvent(_firstPage[i].Json.Span);
            }

            end -= _firstPage.Count;
        }

        await foreach (var evt in _log.ReadBackwardAsync(_runId, end, cancellationToken).ConfigureAwait(false))
        {
            yield return evt;
        }
    }
}
