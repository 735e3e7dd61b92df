using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// What Marten folds a run's stream into, for the rebuild comparison: a self-aggregating document (Marten finds the
/// <c>Apply</c> methods by convention) holding what a writer needs to continue the run — the objective, the step
/// reached, counts per kind and the calls announced but not yet observed. Deliberately less than our snapshot plus
/// loop state: the comparison is about how the state is reached, and a lighter fold only favours Marten.
/// </summary>
public sealed class MartenRunState
{
    /// <summary>The stream key (our run id); Marten maps it by the name <c>Id</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The stream version the state reflects; Marten sets it by the name <c>Version</c>.</summary>
    public long Version { get; set; }

    public string? Objective { get; set; }

    public long LastStepId { get; set; }

    public int Plans { get; set; }

    public int Acts { get; set; }

    public int Observations { get; set; }

    public List<string> OpenCalls { get; set; } = new();

    public void Apply(PlanEvent e)
    {
        Objective ??= e.Payload.Objective;
        LastStepId = e.StepId;
        Plans++;
    }

    public void Apply(ActEvent e)
    {
        LastStepId = e.StepId;
        OpenCalls.Add(e.Payload.CallId);
        Acts++;
    }

    public void Apply(ObserveEvent e)
    {
        LastStepId = e.StepId;
        OpenCalls.Remove(e.Payload.CallId);
        Observations++;
    }
}
