using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>Typed, contract-valid event drafts and helpers shared by the benchmarks.</summary>
internal static class Workload
{
    public const string Objective = "Find what the runtime docs say about compaction.";

    public static string NewTempDirectory(string hint)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alx-bench-" + hint + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static void DeleteQuietly(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public static RunSessionOptions ScriptedOptions() => new()
    {
        Compaction = CompactionPolicy.Default,
        Clock = new ScriptedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
    };

    public static PlanEvent Plan(long stepId) => new()
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
        },
    };

    public static ActEvent Act(long stepId) => new()
    {
        EventId = Guid.Empty,
        RunId = "draft",
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Executor,
        OccurredAt = default,
        Payload = JsonSerializer.Deserialize<ActPayload>(
            $$"""{"tool_name":"docs.search","arguments":{"query":"q{{stepId}}"},"call_id":"call-{{stepId}}"}""",
            OutputSchemaJson.Options)!,
    };

    public static ObserveEvent Observe(long stepId, IReadOnlyList<EvidencePointer> evidence) => new()
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
            Status = ObserveStatus.Ok,
            Summary = $"Result of step {stepId}.",
            Evidence = evidence,
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

    /// <summary>
    /// Appends one complete step through the session (plan, act, observe: 3 counted events), citing
    /// a stored evidence chunk when <paramref name="withEvidence"/>; does not end the step.
    /// </summary>
    public static async Task AppendStepAsync(RunSession session, long stepId, bool withEvidence)
    {
        await session.AppendAsync(Plan(stepId)).ConfigureAwait(false);
        await session.AppendAsync(Act(stepId)).ConfigureAwait(false);
        var evidence = Array.Empty<EvidencePointer>();
        if (withEvidence)
        {
            var text = $"Chunk text cited by step {stepId}: compaction triggers after 18 counted events.";
            await session.Artifacts.RecordEvidenceChunkAsync(session.RunId, stepId, "docs/compaction.md", $"c{stepId:D6}", text, DateTimeOffset.UnixEpoch).ConfigureAwait(false);
            evidence =
            [
                new EvidencePointer
                {
                    EvidenceId = "docs/compaction.md",
                    ChunkId = $"c{stepId:D6}",
                    Span = new EvidenceSpan { Start = 0, End = text.Length },
                },
            ];
        }

        await session.AppendAsync(Observe(stepId, evidence)).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="count"/> storage-level rows of contract-valid events (plan/act/observe
    /// cycling, stamped for seq firstSeq..firstSeq+count-1 of <paramref name="runId"/>), serialized once.
    /// </summary>
    public static EventToAppend[] StorageRows(string runId, int count, long firstSeq = 1)
    {
        var rows = new EventToAppend[count];
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        for (var i = (int)(firstSeq - 1); i < firstSeq - 1 + count; i++)
        {
            long step = i / 3;
            RunEvent draft = (i % 3) switch
            {
                0 => Plan(step),
                1 => Act(step),
                _ => Observe(step, Array.Empty<EvidencePointer>()),
            };
            var stamped = draft with { RunId = runId, Seq = i + 1, EventId = NameBasedUuid.ForEvent(runId, i + 1), OccurredAt = at.AddSeconds(i) };
            rows[i - (firstSeq - 1)] = new EventToAppend(step, KindOf(stamped), stamped.IsCounted, stamped.OccurredAt, JsonSerializer.SerializeToUtf8Bytes<RunEvent>(stamped, OutputSchemaJson.Options));
        }

        return rows;
    }

    private static string KindOf(RunEvent evt) => evt switch
    {
        PlanEvent => "plan",
        ActEvent => "act",
        _ => "observe",
    };
}
