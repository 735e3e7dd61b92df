using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Alexandria.Runtime.Scenarios;

/// <summary>
/// A deterministic scripted run: the planner's plan and the executor's tool calls and results, step
/// by step, so the runtime can be driven end to end without a model. The file format is described
/// in <c>docs/scenarios.md</c>; <see cref="ScenarioReader"/> reads it.
/// </summary>
/// <param name="Name">Scenario name; the default run id is derived from it.</param>
/// <param name="Objective">Objective of the run, restated by every plan.</param>
/// <param name="Clock">Start time and tick of the scripted clock; null to use the wall clock.</param>
/// <param name="Tools">Tools the executor may call.</param>
/// <param name="Steps">The steps, in execution order.</param>
public sealed record Scenario(
    string Name,
    string Objective,
    ScenarioClock? Clock,
    IReadOnlyList<ScenarioTool> Tools,
    IReadOnlyList<ScenarioStep> Steps);

/// <summary>A scripted clock: every event occurs <paramref name="Tick"/> after the previous one, starting at <paramref name="Start"/>.</summary>
public sealed record ScenarioClock(DateTimeOffset Start, TimeSpan Tick);

/// <summary>A tool the scripted executor may call.</summary>
public sealed record ScenarioTool(string Name, string Description);

/// <summary>
/// One step: a plan, one tool call and its result. A step with <paramref name="Counted"/> false
/// produces only verbose events (a plan delta, the call's start and streamed chunks) and none of the
/// counted plan/act/observe — the case the step fallback of compaction exists for.
/// </summary>
/// <param name="StepId">The step id events carry.</param>
/// <param name="Description">One sentence: what the step does (its plan entry).</param>
/// <param name="Counted">Whether the step produces its counted plan/act/observe events.</param>
/// <param name="ChosenOverride">Loop override the planner chooses in this step's plan (contract name), if any.</param>
/// <param name="Act">The tool call.</param>
/// <param name="Result">What the tool returns.</param>
/// <param name="Verbose">Extra verbose events appended after the step's own events.</param>
public sealed record ScenarioStep(
    long StepId,
    string Description,
    bool Counted,
    string? ChosenOverride,
    ScenarioAct Act,
    ScenarioResult Result,
    IReadOnlyList<ScenarioVerboseEvent> Verbose);

/// <summary>The tool call of a step.</summary>
public sealed record ScenarioAct(string Tool, JsonElement Arguments);

/// <summary>
/// The tool result of a step. <paramref name="Content"/>, the full result, goes to the object store
/// and the observation points at it; <paramref name="Evidence"/> chunks are stored as artifacts and
/// cited by evidence pointers.
/// </summary>
public sealed record ScenarioResult(
    string Status,
    string Summary,
    string? Content,
    string MimeType,
    IReadOnlyList<ScenarioEvidence> Evidence,
    JsonElement? Pagination,
    JsonElement? ZeroResultGuidance);

/// <summary>A chunk of evidence the result rests on, and the span of it that is cited.</summary>
public sealed record ScenarioEvidence(string EvidenceId, string ChunkId, string Text, int SpanStart, int SpanEnd);

/// <summary>A verbose event the scenario adds: its contract kind, the role that emits it and its payload.</summary>
public sealed record ScenarioVerboseEvent(string Kind, string AgentRole, JsonElement Payload);
