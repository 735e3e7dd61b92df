using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;

namespace Alexandria.Runtime.Orchestration.Tests.Infrastructure;

/// <summary>Typed event drafts for tests; the session stamps run id, seq, event id and time.</summary>
public static class Drafts
{
    public const string Objective = "Find what the runtime docs say about compaction.";

    public static PlanEvent Plan(long stepId, LoopOverride? chosen = null) => new()
    {
        EventId = Guid.Empty,
        RunId = "draft",
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Planner,
        OccurredAt = default,
        Payload = new PlanPayload
        {
            Objective = Objective,
            Steps = [new PlanStep { StepId = stepId, Description = $"Step {stepId}.", Status = PlanStepStatus.InProgress }],
            ChosenOverride = chosen,
        },
    };

    public static ActEvent Act(long stepId, string tool = "docs.search", string? query = null) => new()
    {
        EventId = Guid.Empty,
        RunId = "draft",
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Executor,
        OccurredAt = default,
        Payload = JsonSerializer.Deserialize<ActPayload>(
            $$"""{"tool_name":"{{tool}}","arguments":{"query":"{{query ?? "q" + stepId}}"},"call_id":"call-{{stepId}}"}""",
            OutputSchemaJson.Options)!,
    };

    public static ObserveEvent Observe(long stepId, ObserveStatus status = ObserveStatus.Ok, IReadOnlyList<EvidencePointer>? evidence = null, string? summary = null) => new()
    {
        EventId = Guid.Empty,
        RunId = "draft",
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Executor,
        OccurredAt = default,
        Payload = new ObservePayload
        {
            CallId = $"call-{stepId}",
            Status = status,
            Summary = summary ?? $"Result of step {stepId}.",
            Evidence = evidence ?? Array.Empty<EvidencePointer>(),
        },
    };

    public static TokenUsageEvent TokenUsage(long stepId) => new()
    {
        EventId = Guid.Empty,
        RunId = "draft",
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Planner,
        OccurredAt = default,
        Payload = new TokenUsagePayload { InputTokens = 100, OutputTokens = 10, CachedTokens = 0 },
    };

    public static EvidencePointer Pointer(string evidenceId, string chunkId, long start, long end) => new()
    {
        EvidenceId = evidenceId,
        ChunkId = chunkId,
        Span = new EvidenceSpan { Start = start, End = end },
    };

    /// <summary>Appends a complete step (plan, act, observe — 3 counted events) and ends it.</summary>
    public static async Task<Runtime.Compaction.CompactionOutcome?> CompleteStepAsync(RunSession session, long stepId, bool withEvidence = true, bool verbose = false)
    {
        await session.AppendAsync(Plan(stepId));
        await session.AppendAsync(Act(stepId));
        if (verbose)
        {
            await session.AppendAsync(TokenUsage(stepId));
        }

        var evidence = Array.Empty<EvidencePointer>();
        if (withEvidence)
        {
            var text = $"Chunk text cited by step {stepId}: compaction triggers after 18 counted events.";
            await session.Artifacts.RecordEvidenceChunkAsync(session.RunId, stepId, "docs/compaction.md", $"c{stepId:D4}", text, DateTimeOffset.UnixEpoch);
            evidence = [Pointer("docs/compaction.md", $"c{stepId:D4}", 0, text.Length)];
        }

        await session.AppendAsync(Observe(stepId, evidence: evidence));
        return await session.EndStepAsync();
    }

    /// <summary>Appends a step that never reaches its counted events (only verbose ones) and ends it.</summary>
    public static async Task<Runtime.Compaction.CompactionOutcome?> UncountedStepAsync(RunSession session, long stepId)
    {
        await session.AppendAsync(TokenUsage(stepId));
        await session.AppendAsync(TokenUsage(stepId));
        return await session.EndStepAsync();
    }

    public static RunSessionOptions ScriptedOptions(Runtime.Compaction.CompactionPolicy? policy = null) => new()
    {
        Compaction = policy ?? Runtime.Compaction.CompactionPolicy.Default,
        Clock = new ScriptedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
    };

    public static IEnumerable<T> OfKind<T>(this IEnumerable<LoggedEvent> events) where T : RunEvent => events.Select(e => e.Event).OfType<T>();
}
