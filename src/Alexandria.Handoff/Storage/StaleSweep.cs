using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Handoff.Storage;

/// <summary>One packet the sweep found past its TTL: where it was (or would be) moved and why.</summary>
public sealed record SweptPacket(string PacketId, string From, string To, string Reason);

/// <summary>What a sweep did (or, in a dry run, would do), and the packet files it could not judge.</summary>
public sealed record SweepResult(IReadOnlyList<SweptPacket> Blocked, IReadOnlyList<PacketProblem> Unreadable, int Fresh, bool DryRun);

/// <summary>
/// <c>alexandria handoff sweep</c>: every active packet past its TTL is BLOCKED at once, not only when someone tries
/// to ingest it — moved (never deleted) to <c>artifacts/packets/blocked/</c> with its reason file, by the same rule
/// and the same move as ingestion (<see cref="Staleness"/>). A dry run reports and moves nothing. A packet file that
/// breaks the contract is reported, not moved: its age cannot be trusted.
/// </summary>
public sealed class StaleSweep
{
    private readonly PacketStore _store;
    private readonly Staleness _staleness;

    public StaleSweep(PacketStore store, System.TimeProvider time)
    {
        _store = store;
        _staleness = new Staleness(store, time);
    }

    public SweepResult Run(bool dryRun)
    {
        var blocked = new List<SweptPacket>();
        var unreadable = new List<PacketProblem>();
        var fresh = 0;
        foreach (var (path, packet, problems) in _store.All())
        {
            if (packet is null)
            {
                unreadable.AddRange(problems);
                continue;
            }

            if (path != _store.PathOf(packet.PacketId))
            {
                unreadable.Add(new PacketProblem(_store.Layout.Relative(path), "/packet_id",
                    "the file is not named after its packet_id " + packet.PacketId + "; rename it to " + packet.PacketId + ".json"));
                continue;
            }

            if (!_staleness.IsStale(packet))
            {
                fresh++;
                continue;
            }

            var reason = _staleness.StaleReason(packet);
            if (!dryRun)
            {
                _staleness.Block(packet, reason);
            }

            blocked.Add(new SweptPacket(packet.PacketId, _store.Layout.Relative(path), _store.Layout.Relative(_store.BlockedPathOf(packet.PacketId)), reason));
        }

        return new SweepResult(blocked.OrderBy(b => b.PacketId, System.StringComparer.Ordinal).ToList(), unreadable, fresh, dryRun);
    }
}
