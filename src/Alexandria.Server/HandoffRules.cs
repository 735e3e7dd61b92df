using System;
using System.Linq;
using Alexandria.Contracts;

namespace Alexandria.Server;

/// <summary>
/// The handoff protocol's rules the schema cannot state (DOMAIN §7): a packet past its TTL is BLOCKED, and a
/// council trigger CT-5 (an agent's recommendation) stands only together with one of CT-1…CT-4.
/// </summary>
internal static class HandoffRules
{
    /// <summary>When <paramref name="packet"/> goes stale: its creation plus its <c>ttl_hours</c>, or <paramref name="defaultTtlHours"/>.</summary>
    /// <remarks>Saturates at the largest representable time: a packet created late in year 9999 never expires, rather than failing the request.</remarks>
    public static DateTimeOffset ExpiresAt(Packet packet, int defaultTtlHours)
    {
        var ttl = TimeSpan.FromHours(packet.TtlHours ?? defaultTtlHours);
        return packet.CreatedAt.UtcDateTime > DateTime.MaxValue - ttl
            ? DateTimeOffset.MaxValue
            : packet.CreatedAt.ToUniversalTime() + ttl;
    }

    /// <summary>The BLOCKED refusal (409) of a packet that is past its TTL at <paramref name="now"/>, or null while it is fresh.</summary>
    public static ProblemDetails? Stale(Packet packet, DateTimeOffset now, int defaultTtlHours)
    {
        var expiresAt = ExpiresAt(packet, defaultTtlHours);
        if (now <= expiresAt)
        {
            return null;
        }
        var ttlHours = packet.TtlHours ?? defaultTtlHours;
        var message = $"BLOCKED: packet '{packet.PacketId}' was created {packet.CreatedAt:O} and expired at {expiresAt:O} ({ttlHours} h TTL); stale packets are blocked. Send a fresh packet.";
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
