using System;
using System.Linq;
using Alexandria.Contracts;
using Alexandria.Handoff.Rules;

namespace Alexandria.Server;

/// <summary>
/// The handoff protocol's rules the schema cannot state (DOMAIN §7): a packet past its TTL is BLOCKED, and a
/// council trigger CT-5 (an agent's recommendation) stands only together with one of CT-1…CT-4.
/// </summary>
internal static class HandoffRules
{
    /// <summary>When <paramref name="packet"/> goes stale: its creation plus its <c>ttl_hours</c>, or <paramref name="defaultTtlHours"/>.</summary>
    /// <remarks>The protocol's one TTL rule (<see cref="PacketTtl"/>), the same the CLI's ingestion applies in Modes 0 and 1.</remarks>
    public static DateTimeOffset ExpiresAt(Packet packet, int defaultTtlHours) => PacketTtl.ExpiresAt(packet.CreatedAt, packet.TtlHours ?? defaultTtlHours);

    /// <summary>The BLOCKED refusal (409) of a packet that is past its TTL at <paramref name="now"/>, or null while it is fresh.</summary>
    public static ProblemDetails? Stale(Packet packet, DateTimeOffset now, int defaultTtlHours)
    {
        var ttlHours = packet.TtlHours ?? defaultTtlHours;
        if (!PacketTtl.IsStale(packet.CreatedAt, ttlHours, now))
        {
            return null;
        }
        var message = $"BLOCKED: packet '{packet.PacketId}' is {PacketTtl.StaleReason(packet.CreatedAt, ttlHours, now)} and expired at {ExpiresAt(packet, defaultTtlHours):O} ({ttlHours} h TTL); stale packets are blocked. Send a fresh packet.";
        return Problems.Create(409, "Packet is stale (BLOCKED)", message, [Problems.Error("/created_at", "ttl", message)]);
    }

    /// <summary>The 422 of a handoff that raises CT-5 without any of CT-1…CT-4, or null.</summary>
    public static ProblemDetails? UnlinkedRecommendation(HandoffPacket handoff)
    {
        var triggers = handoff.CouncilTriggers;
        var index = triggers.ToList().IndexOf(CouncilTrigger.Ct5);
        if (index < 0 || triggers.Any(t => t != CouncilTrigger.Ct5))
        {
            return null;
        }
        var message = "CT-5 (an agent recommendation) must be linked to one of CT-1, CT-2, CT-3 or CT-4 in the same council_triggers.";
        return Problems.Create(422, "Council trigger CT-5 without its link", message, [Problems.Error($"/council_triggers/{index}", "councilLink", message)]);
    }
}
