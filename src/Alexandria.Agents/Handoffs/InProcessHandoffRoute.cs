using System;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Handoff.Rules;

namespace Alexandria.Agents.Handoffs;

/// <summary>
/// The default route: planner and executor live in one process, the packet is already in the run's object store,
/// and the receiver applies the protocol's rules itself — stale (past <c>ttl_hours</c>, exactly at it still fresh)
/// is BLOCKED, otherwise it acknowledges.
/// </summary>
public sealed class InProcessHandoffRoute : IHandoffRoute
{
    /// <summary>The shared instance (it holds no state).</summary>
    public static InProcessHandoffRoute Instance { get; } = new();

    /// <inheritdoc/>
    public Task<string?> DeliverAsync(HandoffPacket packet, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <inheritdoc/>
    public Task<HandoffReceipt> AcknowledgeAsync(HandoffPacket packet, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var ttl = packet.TtlHours ?? PacketTtl.DefaultHours;
        var id = packet.PacketId.ToString("D");
        return Task.FromResult(PacketTtl.IsStale(packet.CreatedAt, ttl, now)
            ? new HandoffReceipt(true, "BLOCKED: handoff packet " + id + " is " + PacketTtl.StaleReason(packet.CreatedAt, ttl, now))
            : new HandoffReceipt(false, PacketAck.RuntimeRecord(id)));
    }
}
