using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Json;
using Alexandria.Agents.Loop;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;
using Alexandria.Runtime.Json;

namespace Alexandria.Agents.Handoffs;

/// <summary>
/// The only channel between planner and executor (DOMAIN §5, §7): each handoff is a validated
/// <c>HANDOFF_PACKET</c>, stored in the run's object store, announced by a <c>handoff_sent</c> event and
/// acknowledged by a <c>handoff_received</c> event (<c>ACK loaded context &lt;packet_id&gt;</c>). The packet travels
/// by the options' <see cref="IHandoffRoute"/> (in process, or through the HTTP API: Mode 2 of the handoff
/// protocol), whose receiver applies the protocol's TTL and ACK rules: a packet older than its TTL is BLOCKED and the
/// run ends with <see cref="AgentRunStatus.HandoffBlocked"/>.
/// </summary>
internal sealed class HandoffChannel
{
    /// <summary>Namespace of packet ids; name = run id, step, sender, receiver.</summary>
    private static readonly Guid PacketNamespace = new("4d2c8e1a-7b3f-4a6e-9c5d-1e0f2a3b4c5d");

    private readonly RunWriter _writer;
    private readonly AgentOptions _options;

    public HandoffChannel(RunWriter writer, AgentOptions options)
    {
        _writer = writer;
        _options = options;
    }

    public async ValueTask<HandoffPacket> SendAsync(long step, AgentRole from, AgentRole to, string objective, HandoffScope scope, CancellationToken cancellationToken)
    {
        var session = _writer.Session;
        var packet = new HandoffPacket
        {
            PacketId = PacketId(session.RunId, step, from, to),
            CreatedAt = Truncate(session.Clock.GetUtcNow()),
            TtlHours = _options.HandoffTtlHours,
            RunId = session.RunId,
            FromRole = from,
            ToRole = to,
            Objective = objective,
            Scope = scope,
            SnapshotId = session.Latest?.SnapshotId,
            CouncilTriggers = Array.Empty<CouncilTrigger>(),
            Workstream = new WorkstreamRef { Name = _options.Workstream, Resolution = WorkstreamResolution.Exact },
        };
        // Serialized into a rented array lent to the object store, which copies it into its file: the packet's bytes are
        // not needed after the put (the route gets the typed packet).
        using (var bytes = LentJson.Serialize<Packet>(packet))
        {
            // The streaming check clears the packet without building a report; only a refused one pays for the errors.
            var json = bytes.Memory;
            if (!HandoffPacketValidator.IsValid(json.Span) && HandoffPacketValidator.Validate(json.Span) is { IsValid: false } check)
            {
                throw new InvalidOperationException("The runtime built an invalid handoff packet: " + check);
            }

            await session.Log.StoreBlobAsync(session.RunId, json, "application/json", cancellationToken).ConfigureAwait(false);
        }

        if (await Route.DeliverAsync(packet, cancellationToken).ConfigureAwait(false) is { } blocked)
        {
            throw Blocked(packet, blocked);
        }

        // handoff_sent and handoff_received are one unit: both ride with the next append (RunWriter.Defer), in order.
        _writer.Defer(EventDrafts.HandoffSent(step, from, new HandoffSentPayload { PacketId = packet.PacketId, ToRole = to }));
        return packet;
    }

    public async Task ReceiveAsync(long step, HandoffPacket packet, CancellationToken cancellationToken)
    {
        var receipt = await Route.AcknowledgeAsync(packet, _writer.Session.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (receipt.Blocked)
        {
            throw Blocked(packet, receipt.Message);
        }

        _writer.Defer(
            EventDrafts.HandoffReceived(step, packet.ToRole, new HandoffReceivedPayload
            {
                PacketId = packet.PacketId,
                FromRole = packet.FromRole,
                AckMessage = receipt.Message,
            }));
    }

    /// <summary>The name-based id of the packet: name = run id, step, sender and receiver, one per line (spelled without building the string).</summary>
    private static Guid PacketId(string runId, long step, AgentRole from, AgentRole to)
    {
        var fromName = AgentJson.Name(from);
        var toName = AgentJson.Name(to);
        var length = runId.Length + fromName.Length + toName.Length + 23;
        Span<char> name = length <= 256 ? stackalloc char[256] : new char[length];
        var at = 0;
        Append(name, ref at, runId);
        name[at++] = '\n';
        step.TryFormat(name[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        name[at++] = '\n';
        Append(name, ref at, fromName);
        name[at++] = '\n';
        Append(name, ref at, toName);
        return NameBasedUuid.Create(PacketNamespace, name[..at]);
    }

    private static void Append(Span<char> into, ref int at, string text)
    {
        text.CopyTo(into[at..]);
        at += text.Length;
    }

    private IHandoffRoute Route => _options.HandoffRoute ?? InProcessHandoffRoute.Instance;

    private static RunEndedException Blocked(HandoffPacket packet, string why)
        => new(AgentRunStatus.HandoffBlocked, $"BLOCKED: handoff packet {packet.PacketId} ({AgentJson.Name(packet.FromRole)} → {AgentJson.Name(packet.ToRole)}): {why}");

    private static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
