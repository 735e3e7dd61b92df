using System;
using Alexandria.Contracts;

namespace Alexandria.Agents.Loop;

/// <summary>
/// Draft events for <see cref="Alexandria.Runtime.Events.RunSession.AppendAsync(RunEvent, System.Threading.CancellationToken)"/>: step, role and payload are
/// ours; run id, seq, event id and time are placeholders the session stamps.
/// </summary>
internal static class EventDrafts
{
    public static PlanEvent Plan(long step, PlanPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = AgentRole.Planner, OccurredAt = default, Payload = payload,
    };

    public static ActEvent Act(long step, ActPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = AgentRole.Executor, OccurredAt = default, Payload = payload,
    };

    public static ObserveEvent Observe(long step, ObservePayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = AgentRole.Executor, OccurredAt = default, Payload = payload,
    };

    public static ToolCallStartedEvent ToolCallStarted(long step, ToolCallStartedPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = AgentRole.Executor, OccurredAt = default, Payload = payload,
    };

    public static TokenUsageEvent TokenUsage(long step, AgentRole role, TokenUsagePayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = role, OccurredAt = default, Payload = payload,
    };

    public static GuardrailTriggeredEvent Guardrail(long step, AgentRole role, string? callId, GuardrailOutcome outcome) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = role, OccurredAt = default,
        Payload = new GuardrailTriggeredPayload { CallId = callId, Outcome = outcome },
    };

    public static RepairAttemptedEvent RepairAttempted(long step, AgentRole role, RepairAttemptedPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = role, OccurredAt = default, Payload = payload,
    };

    public static HandoffSentEvent HandoffSent(long step, AgentRole from, HandoffSentPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = from, OccurredAt = default, Payload = payload,
    };

    public static HandoffReceivedEvent HandoffReceived(long step, AgentRole receiver, HandoffReceivedPayload payload) => new()
    {
        EventId = Guid.Empty, RunId = "draft", Seq = 1, StepId = step, AgentRole = receiver, OccurredAt = default, Payload = payload,
    };
}
