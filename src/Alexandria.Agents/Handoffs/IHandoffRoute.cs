using System;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;

namespace Alexandria.Agents.Handoffs;

/// <summary>
/// How a handoff packet travels from one agent role to the other (Mode 2 of the handoff protocol: routed by the
/// runtime, no human in between). The channel validates every packet before it is routed; the route delivers it
/// and answers for the receiver under the protocol's TTL and ACK rules (<c>Alexandria.Handoff.Rules</c>).
/// </summary>
public interface IHandoffRoute
{
    /// <summary>
    /// Delivers <paramref name="packet"/> to its receiving role: null once delivered, or why it is BLOCKED (already
    /// stale where it is delivered). A packet the route refuses otherwise throws <see cref="HandoffRefusedException"/>.
    /// </summary>
    Task<string?> DeliverAsync(HandoffPacket packet, CancellationToken cancellationToken);

    /// <summary>The receiver ingests <paramref name="packet"/> at <paramref name="now"/>: its acknowledgement, or BLOCKED when it is stale.</summary>
    Task<HandoffReceipt> AcknowledgeAsync(HandoffPacket packet, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What the receiver answered: the acknowledgement text, or why the packet is BLOCKED.</summary>
/// <param name="Blocked">True when the packet was past its TTL and the receiver refused it.</param>
/// <param name="Message">The acknowledgement (<c>ACK loaded context &lt;packet_id&gt;</c>) or the BLOCKED reason.</param>
public sealed record HandoffReceipt(bool Blocked, string Message);

/// <summary>A route refused a handoff packet (invalid for the receiving side, or a duplicate); the message says why.</summary>
public sealed class HandoffRefusedException(string message) : Exception(message);
