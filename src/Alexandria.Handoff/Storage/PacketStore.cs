using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Storage;

/// <summary>
/// <c>artifacts/packets/</c>: one validated JSON file per packet, named by its id, append-only — a packet file is
/// created once and never overwritten; a stale one is moved to <c>blocked/</c>, never deleted.
/// </summary>
public sealed class PacketStore
{
    public PacketStore(HandoffLayout layout) => Layout = layout;

    public HandoffLayout Layout { get; }

    public string PathOf(string packetId) => Path.Combine(Layout.Packets, packetId + ".json");

    public string BlockedPathOf(string packetId) => Path.Combine(Layout.Blocked, packetId + ".json");

    /// <summary>Writes a new packet file; refuses when the packet is invalid or its id is already taken (append-only).</summary>
    public string Save(Packet packet)
    {
        var bytes = PacketJson.ToFileBytes(packet);
        var path = PathOf(packet.PacketId);
        if (PacketJson.Read(bytes, Layout.Relative(path), out var problems) is null)
        {
            throw new HandoffException("the packet breaks the contract: " + string.Join("; ", problems));
        }

        Directory.CreateDirectory(Layout.Packets);
        if (File.Exists(BlockedPathOf(packet.PacketId)))
        {
            throw new HandoffException("packet " + packet.PacketId + " already exists (blocked); packets are append-only");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            stream.Write(bytes);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new HandoffException(Layout.Relative(path) + " already exists; packets are append-only and never overwritten");
        }

        return path;
    }

    /// <summary>Reads a stored packet by id; refuses a missing file or one that breaks the contract (with its pointer).</summary>
    public Packet Load(string packetId)
    {
        var path = PathOf(packetId);
        if (!File.Exists(path))
        {
            var blocked = File.Exists(BlockedPathOf(packetId)) ? " (it is blocked: see " + Layout.Relative(BlockedPathOf(packetId)) + ".reason.json)" : "";
            throw new HandoffException("no packet " + packetId + " in " + Layout.Relative(Layout.Packets) + blocked);
        }

        return LoadFile(path);
    }

    /// <summary>Reads and validates one packet file.</summary>
    public Packet LoadFile(string path)
    {
        var display = Path.GetFullPath(path).StartsWith(Layout.Root, StringComparison.Ordinal) ? Layout.Relative(path) : path;
        return PacketJson.Read(File.ReadAllBytes(path), display, out var problems)
            ?? throw new HandoffException("refused: " + string.Join(Environment.NewLine + "refused: ", problems));
    }

    /// <summary>Whether a packet with this id is stored (active or blocked).</summary>
    public bool Exists(string packetId) => File.Exists(PathOf(packetId)) || File.Exists(BlockedPathOf(packetId));

    /// <summary>Every active packet file, by name; invalid ones are reported, not skipped silently.</summary>
    public IReadOnlyList<(string Path, Packet? Packet, IReadOnlyList<PacketProblem> Problems)> All()
    {
        if (!Directory.Exists(Layout.Packets))
        {
            return [];
        }

        return Directory.EnumerateFiles(Layout.Packets, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var packet = PacketJson.Read(File.ReadAllBytes(path), Layout.Relative(path), out var problems);
                return (path, packet, problems);
            })
            .ToList();
    }

    /// <summary>The valid active packets, oldest first (then by id, so the order is deterministic).</summary>
    public IReadOnlyList<Packet> Valid() => All().Where(p => p.Packet is not null).Select(p => p.Packet!)
        .OrderBy(p => p.CreatedAt).ThenBy(p => p.PacketId, StringComparer.Ordinal).ToList();
}
