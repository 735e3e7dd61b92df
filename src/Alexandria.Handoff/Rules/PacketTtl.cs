using System;
using System.Globalization;

namespace Alexandria.Handoff.Rules;

/// <summary>
/// The protocol's TTL rule, the one implementation every mode applies (the CLI's ingestion in Modes 0 and 1, the
/// HTTP API's packet endpoints and the agent loop's handoffs in Mode 2): a packet lives <c>ttl_hours</c> from its
/// <c>created_at</c> (72 h unless it says otherwise); exactly at its expiry it is still fresh, one tick later it is
/// stale, and a stale packet is BLOCKED unless an override is explicit and recorded.
/// </summary>
public static class PacketTtl
{
    /// <summary>The TTL of a packet that does not state one.</summary>
    public const int DefaultHours = 72;

    /// <summary>When a packet created at <paramref name="createdAt"/> goes stale.</summary>
    /// <remarks>Saturates at the largest representable time: a packet created late in year 9999 never expires, rather than failing.</remarks>
    public static DateTimeOffset ExpiresAt(DateTimeOffset createdAt, long ttlHours)
    {
        var ttl = TimeSpan.FromHours(Math.Clamp(ttlHours, 0, (long)TimeSpan.MaxValue.TotalHours));
        return createdAt.UtcDateTime > DateTime.MaxValue - ttl ? DateTimeOffset.MaxValue : createdAt.ToUniversalTime() + ttl;
    }

    /// <summary>Whether the packet is past its TTL at <paramref name="now"/> (exactly at the TTL it is not).</summary>
    public static bool IsStale(DateTimeOffset createdAt, long ttlHours, DateTimeOffset now) => now > ExpiresAt(createdAt, ttlHours);

    /// <summary>The hours a packet has lived at <paramref name="now"/> (never negative).</summary>
    public static double AgeHours(DateTimeOffset createdAt, DateTimeOffset now) => Math.Max(0, (now - createdAt).TotalHours);

    /// <summary>Why a stale packet is blocked, in words for a person: when it was made, its age and its TTL.</summary>
    public static string StaleReason(DateTimeOffset createdAt, long ttlHours, DateTimeOffset now)
        => string.Create(CultureInfo.InvariantCulture,
            $"stale: created {createdAt.ToUniversalTime():yyyy-MM-dd HH:mm}Z, {AgeHours(createdAt, now):0.#} h ago, beyond its TTL of {ttlHours} h");
}
