using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Contracts;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// Folds a snapshot's <c>run_totals</c>: the parent's totals plus the events of the window, so every snapshot carries
/// counts over the whole run (seq 1 through its covered last seq) and a reader of the latest snapshot and its tail
/// never counts from seq 1. A parent written before <c>run_totals</c> existed has none to continue from; its descendants
/// then carry none either (their reader counts from the log, as before).
/// </summary>
internal sealed class RunTotalsFold
{
    private readonly SortedDictionary<string, long> _lastOk = new(StringComparer.Ordinal);
    private long _acts;
    private long _modelCalls;
    private long _inputTokens;
    private long _outputTokens;
    private long _repairs;
    private long _guardrails;
    private long _lastCountedStep;

    private RunTotalsFold()
    {
    }

    /// <summary>A fold continuing <paramref name="parent"/>'s totals (zero for the first snapshot); null when the parent has none.</summary>
    public static RunTotalsFold? Continue(CompactionSnapshot? parent)
    {
        if (parent is null)
        {
            return new RunTotalsFold();
        }

        if (parent.RunTotals is not { } totals)
        {
            return null;
        }

        var fold = new RunTotalsFold
        {
            _acts = totals.Acts,
            _modelCalls = totals.ModelCalls,
            _inputTokens = totals.InputTokens,
            _outputTokens = totals.OutputTokens,
            _repairs = totals.RepairAttempts,
            _guardrails = totals.GuardrailEvents,
            _lastCountedStep = totals.LastCountedStepId,
        };
        foreach (var entry in totals.LastOkObservations)
        {
            fold._lastOk[entry.ToolName] = entry.Seq;
        }

        return fold;
    }

    /// <summary>
    /// Takes in one event of the window. <paramref name="loop"/> names the tool of an observed call (it has been fed the
    /// whole window); an observation of a call no act announced counts for no tool, as in <c>tool_usage</c>.
    /// </summary>
    public void Add(RunEvent evt, LoopDetector loop)
    {
        if (evt.IsCounted)
        {
            _lastCountedStep = Math.Max(_lastCountedStep, evt.StepId);
        }

        switch (evt)
        {
            case ActEvent:
                _acts++;
                break;
            case TokenUsageEvent { Payload: var usage }:
                _modelCalls++;
                _inputTokens += usage.InputTokens;
                _outputTokens += usage.OutputTokens;
                break;
            case RepairAttemptedEvent:
                _repairs++;
                break;
            case GuardrailTriggeredEvent:
                _guardrails++;
                break;
            case ObserveEvent { Payload: { Status: ObserveStatus.Ok } observe } when loop.TryGetCall(observe.CallId, out var call):
                _lastOk[call.ToolName] = evt.Seq;
                break;
        }
    }

    /// <summary>The totals through the last event added.</summary>
    public RunTotals ToTotals() => new()
    {
        Acts = _acts,
        ModelCalls = _modelCalls,
        InputTokens = _inputTokens,
        OutputTokens = _outputTokens,
        RepairAttempts = _repairs,
        GuardrailEvents = _guardrails,
        LastCountedStepId = _lastCountedStep,
        LastOkObservations = _lastOk.Select(e => new LastOkObservation { ToolName = e.Key, Seq = e.Value }).ToList(),
    };
}
