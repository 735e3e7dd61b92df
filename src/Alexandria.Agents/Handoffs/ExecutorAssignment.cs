using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Agents.Handoffs;

/// <summary>
/// Everything an executor receives — and therefore everything its model request may contain (DOMAIN §5): the
/// handoff packet (objective, read/write scope), the one plan step to carry out, the call id the runtime
/// assigned, and the tools the packet allows.
/// </summary>
/// <param name="Packet">The planner→executor handoff packet.</param>
/// <param name="StepId">The step to carry out.</param>
/// <param name="StepDescription">Its description from the plan.</param>
/// <param name="CallId">The call id the act must carry.</param>
/// <param name="AllowedTools">Tools the executor may call, ordinal order.</param>
public sealed record ExecutorAssignment(HandoffPacket Packet, long StepId, string StepDescription, string CallId, IReadOnlyList<string> AllowedTools);
