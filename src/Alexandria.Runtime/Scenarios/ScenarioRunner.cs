using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Scenarios;

/// <summary>
/// Drives a <see cref="Scenario"/> through a <see cref="RunSession"/>: a scripted planner emits the
/// plan, a scripted executor the tool call and its observation, tool results and evidence are
/// recorded as artifacts, guardrails fire where the contract says they do, and compaction runs at
/// every step boundary where it is due. The same scenario with a scripted clock yields the same log.
/// </summary>
public sealed class ScenarioRunner
{
    private static readonly LoopOverride[] AllOverrides =
    [
        LoopOverride.ChangeTool, LoopOverride.ChangeArguments, LoopOverride.AskForContext, LoopOverride.Replan, LoopOverride.AbortRun,
    ];

    private readonly RunSession _session;
    private readonly Scenario _scenario;
    private int _artifacts;
    private int _loopSignals;
    private int _counted;

    /// <summary>Creates a runner that plays <paramref name="scenario"/> into <paramref name="session"/>.</summary>
    public ScenarioRunner(RunSession session, Scenario scenario)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
    }

    /// <summary>Plays every step; <paramref name="progress"/> hears about each one as it ends.</summary>
    public async Task<ScenarioRunResult> RunAsync(Action<ScenarioProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var compactions = new List<CompactionOutcome>();
        for (var index = 0; index < _scenario.Steps.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = _scenario.Steps[index];
            if (step.Counted)
            {
                await RunCountedStepAsync(index, step, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunUncountedStepAsync(index, step, cancellationToken).ConfigureAwait(false);
            }

            foreach (var verbose in step.Verbose)
            {
                await AppendAsync(ScriptedVerboseEvent(step, verbose), cancellationToken).ConfigureAwait(false);
            }

            var outcome = await _session.EndStepAsync(cancellationToken).ConfigureAwait(false);
            if (outcome is not null)
            {
                compactions.Add(outcome);
            }

            progress?.Invoke(new ScenarioProgress(
                index, _scenario.Steps.Count, step.StepId, step.Description, _session.LastSeq,
                _session.CountedEventsSinceSnapshot, _session.StepsSinceSnapshot, outcome));
        }

        return new ScenarioRunResult(_session.RunId, _session.LastSeq, _counted, compactions, _artifacts, _loopSignals);
    }

    private async Task RunCountedStepAsync(int index, ScenarioStep step, CancellationToken cancellationToken)
    {
        await AppendAsync(new PlanEvent
        {
            EventId = Guid.Empty,
            RunId = _session.RunId,
            Seq = 1,
            StepId = step.StepId,
            AgentRole = AgentRole.Planner,
            OccurredAt = default,
            Payload = new PlanPayload
            {
                Objective = _scenario.Objective,
                Steps = PlanAt(index),
                ChosenOverride = step.ChosenOverride is { } chosen ? ContractJson.Parse<LoopOverride>(chosen) : null,
            },
        }, cancellationToken).ConfigureAwait(false);

        var callId = CallId(step);
        await AppendAsync(new ActEvent
        {
            EventId = Guid.Empty,
            RunId = _session.RunId,
            Seq = 1,
            StepId = step.StepId,
            AgentRole = AgentRole.Executor,
            OccurredAt = default,
            Payload = ContractJson.Deserialize<ActPayload>(ActJson(step, callId)),
        }, cancellationToken).ConfigureAwait(false);

        await AppendAsync(ToolCallStarted(step, callId), cancellationToken).ConfigureAwait(false);

        var result = step.Result;
        var now = _session.Clock.GetUtcNow();
        BlobPointer? resultPointer = null;
        if (result.Content is not null)
        {
            resultPointer = await _session.Artifacts.RecordToolResultAsync(
                _session.RunId, step.StepId, callId, Encoding.UTF8.GetBytes(result.Content), result.MimeType, now, cancellationToken).ConfigureAwait(false);
            _artifacts++;
        }

        var evidence = new List<EvidencePointer>(result.Evidence.Count);
        foreach (var chunk in result.Evidence)
        {
            await _session.Artifacts.RecordEvidenceChunkAsync(
                _session.RunId, step.StepId, chunk.EvidenceId, chunk.ChunkId, chunk.Text, now, cancellationToken).ConfigureAwait(false);
            _artifacts++;
            evidence.Add(new EvidencePointer
            {
                EvidenceId = chunk.EvidenceId,
                ChunkId = chunk.ChunkId,
                Span = new EvidenceSpan { Start = chunk.SpanStart, End = chunk.SpanEnd },
            });
        }

        var guidance = result.ZeroResultGuidance is { } g ? ContractJson.Deserialize<ZeroResultGuidance>(g) : null;
        if (guidance is not null)
        {
            await AppendAsync(Guardrail(step, callId, new ZeroResultOutcome { ToolName = step.Act.Tool, Guidance = guidance }), cancellationToken).ConfigureAwait(false);
        }

        await AppendAsync(new ObserveEvent
        {
            EventId = Guid.Empty,
            RunId = _session.RunId,
            Seq = 1,
            StepId = step.StepId,
            AgentRole = AgentRole.Executor,
            OccurredAt = default,
            Payload = new ObservePayload
            {
                CallId = callId,
                Status = ContractJson.Parse<ObserveStatus>(result.Status),
                Summary = result.Summary,
                ResultPointer = resultPointer,
                Evidence = evidence,
                Pagination = result.Pagination is { } page ? ContractJson.Deserialize<ToolPageInfo>(page) : null,
                ZeroResultGuidance = guidance,
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunUncountedStepAsync(int index, ScenarioStep step, CancellationToken cancellationToken)
    {
        // The planner is still deciding and the executor only streams: no terminal plan/act/observe.
        var plan = PlanAt(index);
        await AppendAsync(new PlanDeltaEvent
        {
            EventId = Guid.Empty,
            RunId = _session.RunId,
            Seq = 1,
            StepId = step.StepId,
            AgentRole = AgentRole.Planner,
            OccurredAt = default,
            Payload = new PlanDeltaPayload { UpdatedSteps = plan.Where(s => s.StepId == step.StepId).ToList() },
        }, cancellationToken).ConfigureAwait(false);

        var callId = CallId(step);
        await AppendAsync(ToolCallStarted(step, callId), cancellationToken).ConfigureAwait(false);

        var text = step.Result.Content ?? step.Result.Summary;
        var chunks = Chunk(text, 16384).Take(4).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await AppendAsync(new ToolCallChunkEvent
            {
                EventId = Guid.Empty,
                RunId = _session.RunId,
                Seq = 1,
                StepId = step.StepId,
                AgentRole = AgentRole.Executor,
                OccurredAt = default,
                Payload = new ToolCallChunkPayload { CallId = callId, ChunkIndex = i, Content = chunks[i], IsLast = i == chunks.Count - 1 },
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(RunEvent draft, CancellationToken cancellationToken)
    {
        var appended = await _session.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        if (appended.Event.IsCounted)
        {
            _counted++;
        }

        foreach (var signal in appended.LoopSignals)
        {
            _loopSignals++;
            await _session.AppendAsync(Guardrail(
                draft.StepId,
                appended.Event is ActEvent { Payload: var act } ? act.CallId : appended.Event is ObserveEvent { Payload: var observe } ? observe.CallId : null,
                new LoopDetectedOutcome
                {
                    Signal = ContractJson.Parse<LoopDetectionSignal>(SignalName(signal.Kind)),
                    Count = signal.Count,
                    Threshold = signal.Threshold,
                    CallHash = signal.CallHash,
                    AllowedOverrides = AllOverrides,
                }), cancellationToken).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<PlanStep> PlanAt(int current)
        => _scenario.Steps.Select((s, i) => new PlanStep
        {
            StepId = s.StepId,
            Description = s.Description,
            Status = i < current ? PlanStepStatus.Done : i == current ? PlanStepStatus.InProgress : PlanStepStatus.Pending,
        }).ToList();

    private ToolCallStartedEvent ToolCallStarted(ScenarioStep step, string callId) => new()
    {
        EventId = Guid.Empty,
        RunId = _session.RunId,
        Seq = 1,
        StepId = step.StepId,
        AgentRole = AgentRole.Executor,
        OccurredAt = default,
        Payload = new ToolCallStartedPayload { CallId = callId, ToolName = step.Act.Tool, CallHash = CallHash.Compute(step.Act.Tool, step.Act.Arguments) },
    };

    private GuardrailTriggeredEvent Guardrail(ScenarioStep step, string? callId, GuardrailOutcome outcome) => Guardrail(step.StepId, callId, outcome);

    private GuardrailTriggeredEvent Guardrail(long stepId, string? callId, GuardrailOutcome outcome) => new()
    {
        EventId = Guid.Empty,
        RunId = _session.RunId,
        Seq = 1,
        StepId = stepId,
        AgentRole = AgentRole.Executor,
        OccurredAt = default,
        Payload = new GuardrailTriggeredPayload { CallId = callId, Outcome = outcome },
    };

    /// <summary>
    /// A scenario's extra verbose event: the envelope is filled in here, the kind and payload come from
    /// the file and are read by the generated converters, so any verbose kind of the contract works.
    /// </summary>
    private RunEvent ScriptedVerboseEvent(ScenarioStep step, ScenarioVerboseEvent verbose)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event_id", Guid.Empty);
            writer.WriteString("run_id", _session.RunId);
            writer.WriteNumber("seq", 1);
            writer.WriteNumber("step_id", step.StepId);
            writer.WriteString("agent_role", verbose.AgentRole);
            writer.WriteString("kind", verbose.Kind);
            writer.WriteString("occurred_at", "2000-01-01T00:00:00Z");
            writer.WritePropertyName("payload");
            verbose.Payload.WriteTo(writer);
            writer.WriteEndObject();
        }

        RunEvent evt;
        try
        {
            evt = ContractJson.DeserializeEvent(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException($"/steps/{step.StepId}/verbose", $"the {verbose.Kind} event does not read as a run_event: {e.Message}");
        }

        if (evt.IsCounted || evt is CompactionStartedEvent or CompactionFinishedEvent or CompactionRejectedEvent)
        {
            throw new ScenarioFormatException($"/steps/{step.StepId}/verbose", $"'{verbose.Kind}' is not a verbose kind a scenario may script (counted and compaction events belong to the runtime).");
        }

        return evt;
    }

    private static JsonElement ActJson(ScenarioStep step, string callId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tool_name", step.Act.Tool);
            writer.WritePropertyName("arguments");
            step.Act.Arguments.WriteTo(writer);
            writer.WriteString("call_id", callId);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static string CallId(ScenarioStep step) => "call-" + step.StepId.ToString("D4", CultureInfo.InvariantCulture);

    private static string SignalName(LoopSignalKind kind) => kind switch
    {
        LoopSignalKind.IdenticalConsecutiveCalls => "identical_consecutive_calls",
        LoopSignalKind.IdenticalActionObservationPairs => "identical_action_observation_pairs",
        LoopSignalKind.RepeatedFailingAction => "repeated_failing_action",
        _ => "ab_alternation",
    };

    private static IEnumerable<string> Chunk(string text, int size)
    {
        if (text.Length == 0)
        {
            yield return "";
            yield break;
        }

        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
