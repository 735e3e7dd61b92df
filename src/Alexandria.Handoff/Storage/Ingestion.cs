using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Git;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Storage;

/// <summary>
/// Ingestion of a packet by an agent: validate (the generated validator), check TTL (stale → blocked unless
/// explicitly allowed, and the override is recorded), check a CONTEXT_RESPONSE against its request and the
/// repository at its commit, then answer exactly <c>ACK loaded context &lt;packet_id&gt;.</c> and record it.
/// </summary>
public sealed class Ingestion
{
    private readonly PacketStore _store;
    private readonly TimeProvider _time;
    private readonly Staleness _staleness;

    public Ingestion(PacketStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _staleness = new Staleness(store, time);
    }

    public static string AckLine(string packetId) => Rules.PacketAck.Line(packetId);

    /// <summary>
    /// Ingests a stored packet (<paramref name="packetOrFile"/> is its id), or a packet file from elsewhere, which is
    /// validated and stored first (append-only).
    /// </summary>
    /// <param name="expectedSha256">Mode 1: the SHA-256 the dispatch block attested; the stored packet file must match it.</param>
    public IngestionResult Ingest(string packetOrFile, bool allowStale, string? expectedSha256 = null)
    {
        Packet packet;
        try
        {
            packet = Resolve(packetOrFile);
        }
        catch (HandoffException e)
        {
            return new IngestionResult(IngestionOutcome.Refused, e.Message);
        }

        if (expectedSha256 is not null)
        {
            var actual = Preflight.Hashing.FileSha256(_store.PathOf(packet.PacketId));
            if (!string.Equals(actual, expectedSha256.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return new IngestionResult(IngestionOutcome.Refused, "refused " + packet.PacketId + ": the packet file's SHA-256 is " + actual
                    + ", the dispatch attested " + expectedSha256.Trim() + "; it changed after it was sent", packet.PacketId);
            }
        }

        var stale = _staleness.IsStale(packet);
        if (stale && !allowStale)
        {
            var reason = _staleness.StaleReason(packet);
            var reasonFile = _staleness.Block(packet, reason);
            return new IngestionResult(IngestionOutcome.Blocked,
                "BLOCKED " + packet.PacketId + ": " + reason + "; moved to " + _store.Layout.Relative(_store.BlockedPathOf(packet.PacketId))
                + " (reason: " + _store.Layout.Relative(reasonFile) + "). Re-run with --allow-stale to accept it anyway.", packet.PacketId);
        }

        var problems = packet is ContextResponsePacket response ? CheckResponse(response) : [];
        if (problems.Count > 0)
        {
            return new IngestionResult(IngestionOutcome.Refused, "refused " + packet.PacketId + ": " + string.Join("; ", problems), packet.PacketId);
        }

        var line = AckLine(packet.PacketId);
        Record(packet, line, stale);
        return new IngestionResult(IngestionOutcome.Acknowledged, line, packet.PacketId);
    }

    private Packet Resolve(string packetOrFile)
    {
        if (PacketIdValidator.IsValid(System.Text.Encoding.UTF8.GetBytes("\"" + packetOrFile + "\"")) && !File.Exists(packetOrFile))
        {
            return _store.Load(packetOrFile);
        }

        if (!File.Exists(packetOrFile))
        {
            throw new HandoffException("no packet '" + packetOrFile + "': give a packet id listed by 'alexandria handoff packet list' or a packet file");
        }

        var full = Path.GetFullPath(packetOrFile);
        var packet = _store.LoadFile(full);
        if (full == _store.PathOf(packet.PacketId))
        {
            return packet;
        }

        // A packet file from elsewhere (pasted by the human, sent by another agent) joins the store first.
        if (_store.Exists(packet.PacketId))
        {
            var stored = File.Exists(_store.PathOf(packet.PacketId)) ? File.ReadAllBytes(_store.PathOf(packet.PacketId)) : null;
            if (stored is null || !stored.AsSpan().SequenceEqual(PacketJson.ToFileBytes(packet)))
            {
                throw new HandoffException("packet " + packet.PacketId + " already exists with different content; packets are append-only");
            }

            return packet;
        }

        _store.Save(packet);
        return packet;
    }

    /// <summary>A response answers a request that exists, and every path it cites is a file at its commit.</summary>
    public IReadOnlyList<string> CheckResponse(ContextResponsePacket response)
    {
        var problems = new List<string>();
        var request = _store.Exists(response.RequestPacketId) ? TryLoad(response.RequestPacketId) : null;
        if (request is null)
        {
            problems.Add("/request_packet_id: no CONTEXT_REQUEST " + response.RequestPacketId + " in " + _store.Layout.Relative(_store.Layout.Packets));
        }
        else if (request is not ContextRequestPacket)
        {
            problems.Add("/request_packet_id: " + response.RequestPacketId + " is a " + request.PacketType + " packet, not a CONTEXT_REQUEST");
        }

        var git = new GitCli(_store.Layout.Root);
        if (git.ResolveCommit(response.Commit) is null)
        {
            problems.Add("/commit: " + response.Commit + " is not a commit of this repository");
            return problems;
        }

        for (var i = 0; i < response.RepoRefs.Count; i++)
        {
            if (!git.FileExistsAt(response.Commit, response.RepoRefs[i].Path))
            {
                problems.Add("/repo_refs/" + i + "/path: '" + response.RepoRefs[i].Path + "' does not exist at commit " + response.Commit[..12]);
            }
        }

        return problems;
    }

    private Packet? TryLoad(string packetId)
    {
        var path = File.Exists(_store.PathOf(packetId)) ? _store.PathOf(packetId) : _store.BlockedPathOf(packetId);
        return PacketJson.Read(File.ReadAllBytes(path), _store.Layout.Relative(path), out _);
    }

    private void Record(Packet packet, string line, bool stale)
    {
        var now = _time.GetUtcNow().ToUniversalTime();
        var record = new Acknowledgement
        {
            PacketId = packet.PacketId,
            AcknowledgedAt = now,
            Message = line,
            AllowStale = stale,
            AgeHours = Math.Round(PacketIds.AgeHours(packet, now), 3),
        };
        Directory.CreateDirectory(_store.Layout.Acks);
        var path = Path.Combine(_store.Layout.Acks, packet.PacketId + "_" + now.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture) + ".json");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.ChangeExtension(path, null).Split('~')[0] + "~" + n + ".json";
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(PacketJson.Indent(record.ToUtf8Json()));
    }

    /// <summary>The acknowledgements recorded for a packet, oldest first.</summary>
    public IReadOnlyList<Acknowledgement> AcknowledgementsOf(string packetId)
        => !Directory.Exists(_store.Layout.Acks) ? [] : Directory.EnumerateFiles(_store.Layout.Acks, packetId + "_*.json")
            .Order(StringComparer.Ordinal).Select(f => Acknowledgement.Parse(File.ReadAllBytes(f))).ToList();
}
