using System;
using System.Security.Cryptography;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Storage;

/// <summary>New packet and lineage ids: a short type prefix and random hex (the contract's patterns).</summary>
public static class PacketIds
{
    public static string New(string packetType) => Prefix(packetType) + "-" + Hex(6);

    /// <summary>An internal lineage id; never printed for the human.</summary>
    public static string NewLineage() => "lin-" + Hex(8);

    public static string Prefix(string packetType) => packetType switch
    {
        "CONTEXT_REQUEST" => "req",
        "CONTEXT_RESPONSE" => "resp",
        "HANDOFF" => "handoff",
        "REVIEW" => "review",
        "READINESS" => "ready",
        "COUNCIL" => "council",
        _ => throw new ArgumentOutOfRangeException(nameof(packetType), packetType, "not a packet type of the contract"),
    };

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>The hours a packet has lived at <paramref name="now"/>.</summary>
    public static double AgeHours(Packet packet, DateTimeOffset now) => Rules.PacketTtl.AgeHours(packet.CreatedAt, now);
}
