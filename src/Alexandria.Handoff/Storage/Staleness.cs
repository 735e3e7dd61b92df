using System;
using System.IO;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Rules;

namespace Alexandria.Handoff.Storage;

/// <summary>
/// TTL: a packet older than its <c>ttl_hours</c> is stale. A stale packet is BLOCKED by default: its file is moved
/// (never deleted) to <c>artifacts/packets/blocked/</c> with <c>&lt;id&gt;.reason.json</c> beside it.
/// Exactly at the TTL a packet is still fresh; one tick later it is stale (<see cref="PacketTtl"/>, shared by every mode).
/// </summary>
public sealed class Staleness
{
    private readonly PacketStore _store;
    private readonly TimeProvider _time;

    public Staleness(PacketStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public bool IsStale(Packet packet) => PacketTtl.IsStale(packet.CreatedAt, packet.TtlHours, _time.GetUtcNow());

    public static string ReasonPath(string blockedPacketPath) => Path.ChangeExtension(blockedPacketPath, null) + ".reason.json";

    /// <summary>Moves a stored packet to blocked/ and writes why; returns the reason file's path.</summary>
    public string Block(Packet packet, string reason)
    {
        var layout = _store.Layout;
        Directory.CreateDirectory(layout.Blocked);
        var target = _store.BlockedPathOf(packet.PacketId);
        File.Move(_store.PathOf(packet.PacketId), target, overwrite: false);
        var record = new BlockReason
        {
            PacketId = packet.PacketId,
            BlockedAt = _time.GetUtcNow().ToUniversalTime(),
            Reason = reason,
            AgeHours = Math.Round(PacketIds.AgeHours(packet, _time.GetUtcNow()), 3),
            TtlHours = packet.TtlHours,
        };
        var reasonPath = ReasonPath(target);
        using var stream = new FileStream(reasonPath, FileMode.CreateNew, FileAccess.Write);
        stream.Write(PacketJson.Indent(record.ToUtf8Json()));
        return reasonPath;
    }

    /// <summary>The reason a stale packet is blocked, in words for the human.</summary>
    public string StaleReason(Packet packet)
        => PacketTtl.StaleReason(packet.CreatedAt, packet.TtlHours, _time.GetUtcNow());
}
