using System.Collections.Generic;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;

namespace Alexandria.Agents.Loop;

/// <summary>What a run did and how it ended.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Message">Why, in words.</param>
/// <param name="Steps">Steps run (plan → act → observe).</param>
/// <param name="Usage">Model calls, tokens and repairs.</param>
/// <param name="Compactions">Every compaction the run triggered.</param>
/// <param name="GuardrailEvents">Guardrail events written (caps, zero results, loops, repairs, refusals).</param>
/// <param name="OverridesChosen">Loop overrides the planner chose and the runtime accepted.</param>
/// <param name="Refusals">Tool calls refused before they ran (scope or override).</param>
/// <param name="FinalAnswer">The answer the run submitted through the <c>answer</c> tool, if any.</param>
/// <param name="LastSeq">The last seq written.</param>
public sealed record AgentRunResult(
    string RunId,
    AgentRunStatus Status,
    string Message,
    int Steps,
    ModelUsage Usage,
    IReadOnlyList<CompactionOutcome> Compactions,
    int GuardrailEvents,
    int OverridesChosen,
    int Refusals,
    FinalAnswer? FinalAnswer,
    long LastSeq);

/// <summary>The final answer and the evidence it cites; every citation resolved in the run when it was accepted.</summary>
public sealed record FinalAnswer(string Text, IReadOnlyList<EvidencePointer> Citations, long StepId);

/// <summary>Model use so far.</summary>
public sealed record ModelUsage(int ModelCalls, long InputTokens, long OutputTokens, int Repairs)
{
    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;
}
