using System;
using System.Collections.Generic;
using Alexandria.Contracts;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Guardrails;

/// <summary>
/// Feeds typed events to a <see cref="LoopDetector"/>. The live run and the replay both go through
/// here, so they read the same things off the same events.
/// </summary>
public static class LoopDetectorFeed
{
    /// <summary>Applies <paramref name="evt"/> to <paramref name="detector"/>; returns the loop signals it raised.</summary>
    public static IReadOnlyList<LoopSignal> Apply(LoopDetector detector, RunEvent evt)
    {
        ArgumentNullException.ThrowIfNull(detector);
        switch (evt)
        {
            case PlanEvent { Payload: var plan }:
                detector.OnPlan(plan.ChosenOverride is { } chosen ? ContractJson.Name(chosen) : null);
                return Array.Empty<LoopSignal>();
            case ActEvent { Payload: var act }:
                return detector.OnAct(act.CallId, act.ToolName, act.Arguments);
            case ObserveEvent { Payload: var observe }:
                return detector.OnObserve(observe.CallId, ContractJson.Name(observe.Status), Fingerprint(observe));
            default:
                return Array.Empty<LoopSignal>();
        }
    }

    /// <summary>What identifies an observation's content, whatever call it answered: hash of its canonical JSON without the call id.</summary>
    public static string Fingerprint(ObservePayload observe)
    {
        ArgumentNullException.ThrowIfNull(observe);
        return CanonicalJson.Sha256Hex("", ContractJson.ToElement(observe with { CallId = "-" }));
    }
}
