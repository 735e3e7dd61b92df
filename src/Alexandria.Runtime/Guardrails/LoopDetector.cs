using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Runtime.Guardrails;

/// <summary>
/// Folds the tool calls of a run, in log order, into the loop-detection counters a snapshot carries
/// (DOMAIN §4) and reports a <see cref="LoopSignal"/> when a heuristic reaches its threshold — and again
/// on every later call or observation while the loop goes on, so a loop that outlasts one override
/// is never silent.
/// A pure fold: feeding the same events from seq 1 always yields the same state, which is how a
/// replay reproduces the <c>loop_detection</c> of every snapshot.
/// </summary>
public sealed class LoopDetector
{
    private readonly LoopDetectionThresholds _thresholds;
    private readonly List<string> _recent = new();
    private readonly Dictionary<string, ToolCall> _calls = new(StringComparer.Ordinal);
    // The last action/observation pair, compared member by member (no joined string per observation).
    private (string Hash, string Status, string Fingerprint)? _lastPair;
    private string? _lastFailingHash;
    private string? _overrideLoopHash;

    /// <summary>Creates a detector with <paramref name="thresholds"/> (the reference ones when null).</summary>
    public LoopDetector(LoopDetectionThresholds? thresholds = null)
    {
        _thresholds = thresholds ?? LoopDetectionThresholds.Default;
    }

    /// <summary>
    /// A detector in the state a snapshot recorded (<paramref name="state"/>: recent hashes, counters, active override)
    /// plus what the snapshot does not carry and the caller read back from the log before the snapshot's end:
    /// <paramref name="lastObserved"/>, the last observation of an announced call (its call's hash, status and content
    /// fingerprint), and <paramref name="overrideLoopHash"/>, the call hash in force when the active override was chosen.
    /// Calls announced before the snapshot are added with <see cref="Remember"/> as they are needed.
    /// </summary>
    public static LoopDetector Resume(
        LoopDetectionThresholds? thresholds,
        Alexandria.Contracts.LoopDetectionState state,
        (string CallHash, string Status, string Fingerprint)? lastObserved,
        string? overrideLoopHash)
    {
        ArgumentNullException.ThrowIfNull(state);
        var detector = new LoopDetector(thresholds);
        var keep = Math.Min(state.RecentCallHashes.Count, detector._thresholds.RecentCallHashes);
        detector._recent.AddRange(state.RecentCallHashes.Skip(state.RecentCallHashes.Count - keep));
        detector.ConsecutiveIdenticalCalls = (int)state.ConsecutiveIdenticalCalls;
        detector.IdenticalActionObservationPairs = (int)state.IdenticalActionObservationPairs;
        detector.FailingIdenticalActions = (int)state.FailingIdenticalActions;
        detector.AlternationLength = (int)state.AlternationLength;
        detector.ActiveOverride = state.ActiveOverride is { } active ? Json.ContractJson.Name(active) : null;
        detector._overrideLoopHash = detector.ActiveOverride is null ? null : overrideLoopHash;
        if (lastObserved is { } last)
        {
            detector._lastPair = (last.CallHash, last.Status, last.Fingerprint);
            detector._lastFailingHash = last.Status == "error" ? last.CallHash : null;
        }

        return detector;
    }

    /// <summary>Makes a call announced before the state this detector resumed from known again (see <see cref="Resume"/>).</summary>
    public void Remember(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _calls.TryAdd(call.CallId, call);
    }

    /// <summary>Most recent call hashes, oldest first.</summary>
    public IReadOnlyList<string> RecentCallHashes => _recent;

    /// <summary>Current run of identical consecutive calls.</summary>
    public int ConsecutiveIdenticalCalls { get; private set; }

    /// <summary>Current run of identical consecutive action/observation pairs.</summary>
    public int IdenticalActionObservationPairs { get; private set; }

    /// <summary>Current run of identical consecutive actions that each failed.</summary>
    public int FailingIdenticalActions { get; private set; }

    /// <summary>Length in steps of the current A/B alternation (0 when there is none).</summary>
    public int AlternationLength { get; private set; }

    /// <summary>The contract name of the override the planner chose that is still in force, or null.</summary>
    public string? ActiveOverride { get; private set; }

    /// <summary>The call <paramref name="callId"/> refers to, when an act announced it.</summary>
    public bool TryGetCall(string callId, out ToolCall call) => _calls.TryGetValue(callId, out call!);

    /// <summary>A plan was made; <paramref name="chosenOverride"/> is its <c>chosen_override</c> (contract name), if any.</summary>
    public void OnPlan(string? chosenOverride)
    {
        if (chosenOverride is null)
        {
            return;
        }

        ActiveOverride = chosenOverride;
        _overrideLoopHash = _recent.Count > 0 ? _recent[^1] : null;
    }

    /// <summary>A tool call was made. Returns the signals it raised.</summary>
    public IReadOnlyList<LoopSignal> OnAct(string callId, string toolName, JsonElement arguments)
    {
        var hash = CallHash.Compute(toolName, arguments);
        _calls[callId] = new ToolCall(callId, toolName, hash);

        ConsecutiveIdenticalCalls = _recent.Count > 0 && _recent[^1] == hash ? ConsecutiveIdenticalCalls + 1 : 1;
        _recent.Add(hash);
        if (_recent.Count > _thresholds.RecentCallHashes)
        {
            _recent.RemoveAt(0);
        }

        AlternationLength = MeasureAlternation(_recent);

        // The override stays in force until the run calls something other than what looped.
        if (ActiveOverride is not null && _overrideLoopHash is not null && hash != _overrideLoopHash)
        {
            ActiveOverride = null;
            _overrideLoopHash = null;
        }

        List<LoopSignal>? signals = null;
        if (ConsecutiveIdenticalCalls >= _thresholds.IdenticalConsecutiveCalls)
        {
            (signals ??= new List<LoopSignal>(2)).Add(new LoopSignal(LoopSignalKind.IdenticalConsecutiveCalls, ConsecutiveIdenticalCalls, _thresholds.IdenticalConsecutiveCalls, hash));
        }

        if (AlternationLength >= _thresholds.AbAlternationSteps)
        {
            (signals ??= new List<LoopSignal>(2)).Add(new LoopSignal(LoopSignalKind.AbAlternation, AlternationLength, _thresholds.AbAlternationSteps, hash));
        }

        return signals ?? (IReadOnlyList<LoopSignal>)Array.Empty<LoopSignal>();
    }

    /// <summary>
    /// The result of <paramref name="callId"/> was observed with <paramref name="status"/>
    /// (<c>ok</c>, <c>error</c>, <c>empty</c>); <paramref name="fingerprint"/> identifies its content.
    /// Returns the signals it raised.
    /// </summary>
    public IReadOnlyList<LoopSignal> OnObserve(string callId, string status, string fingerprint)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            // An observation of a call the log never announced cannot be part of a loop we can name.
            return Array.Empty<LoopSignal>();
        }

        var pair = (call.Hash, status, fingerprint);
        IdenticalActionObservationPairs = _lastPair is { } last && SamePair(last, pair) ? IdenticalActionObservationPairs + 1 : 1;
        _lastPair = pair;

        if (status == "error")
        {
            FailingIdenticalActions = call.Hash == _lastFailingHash ? FailingIdenticalActions + 1 : 1;
            _lastFailingHash = call.Hash;
        }
        else
        {
            FailingIdenticalActions = 0;
            _lastFailingHash = null;
        }

        List<LoopSignal>? signals = null;
        if (IdenticalActionObservationPairs >= _thresholds.IdenticalActionObservationPairs)
        {
            (signals ??= new List<LoopSignal>(2)).Add(new LoopSignal(LoopSignalKind.IdenticalActionObservationPairs, IdenticalActionObservationPairs, _thresholds.IdenticalActionObservationPairs, call.Hash));
        }

        if (FailingIdenticalActions >= _thresholds.RepeatedFailingActions)
        {
            (signals ??= new List<LoopSignal>(2)).Add(new LoopSignal(LoopSignalKind.RepeatedFailingAction, FailingIdenticalActions, _thresholds.RepeatedFailingActions, call.Hash));
        }

        return signals ?? (IReadOnlyList<LoopSignal>)Array.Empty<LoopSignal>();
    }

    private static bool SamePair((string Hash, string Status, string Fingerprint) a, (string Hash, string Status, string Fingerprint) b)
        => string.Equals(a.Hash, b.Hash, StringComparison.Ordinal) && string.Equals(a.Status, b.Status, StringComparison.Ordinal) && string.Equals(a.Fingerprint, b.Fingerprint, StringComparison.Ordinal);

    private static int MeasureAlternation(List<string> hashes)
    {
        var n = hashes.Count;
        if (n < 2 || hashes[n - 1] == hashes[n - 2])
        {
            return 0;
        }

        var length = 2;
        for (var i = n - 3; i >= 0; i--)
        {
            var expected = (n - 1 - i) % 2 == 0 ? hashes[n - 1] : hashes[n - 2];
            if (hashes[i] != expected)
            {
                break;
            }

            length++;
        }

        return length;
    }
}

/// <summary>A tool call as the act announced it: id, tool and loop-detection hash.</summary>
public sealed record ToolCall(string CallId, string ToolName, string Hash);
