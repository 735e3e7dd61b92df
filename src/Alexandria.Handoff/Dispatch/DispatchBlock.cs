using System;
using System.Collections.Generic;
using System.Text;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;

namespace Alexandria.Handoff.Dispatch;

/// <summary>
/// Mode 0 and 1: the block the human lead pastes, unchanged, into the next agent's chat. It names the packet and
/// the command that ingests it from the repository; Mode 1 adds the packet file's SHA-256 so the receiver can prove
/// it reads exactly what was sent. The internal lineage id is never in it.
/// </summary>
public static class DispatchBlock
{
    public const string Begin = "----- BEGIN DISPATCH -----";
    public const string End = "----- END DISPATCH -----";

    public static string Render(Packet packet, byte[] packetFileBytes)
    {
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append("To: ").Append(Receiver(packet)).Append('\n');
        text.Append("Packet: ").Append(packet.PacketType).Append(' ').Append(packet.PacketId).Append('\n');
        foreach (var (label, value) in Summary(packet))
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        var sha = Hashing.Sha256(packetFileBytes);
        if (packet.Mode == HandoffMode.Mode0)
        {
            text.Append("Run: alexandria handoff ack ").Append(packet.PacketId).Append('\n');
        }
        else
        {
            text.Append("SHA-256: ").Append(sha).Append('\n');
            text.Append("Run: alexandria handoff ack ").Append(packet.PacketId).Append(" --sha256 ").Append(sha).Append('\n');
        }

        text.Append("Reply with the ACK line it prints.\n");
        text.Append(End).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<(string, string)> Summary(Packet packet)
    {
        if (packet.Workstream is not null)
        {
            yield return ("Workstream", packet.Workstream);
        }

        switch (packet)
        {
            case HandoffPacket h:
                yield return ("From", Name(h.FromRole));
                yield return ("Objective", h.Objective);
                yield return ("State", h.State);
                yield return ("Scope", string.Join(", ", h.Scope));
                break;
            case ContextRequestPacket r:
                yield return ("From", Name(r.RequesterRole));
                yield return ("Topic", r.Topic);
                yield return ("Query", r.Query);
                break;
            case ContextResponsePacket r:
                yield return ("From", Name(r.ResponderRole));
                yield return ("Answers", r.RequestPacketId);
                yield return ("Files", string.Join(", ", System.Linq.Enumerable.Select(r.RepoRefs, f => f.Path)));
                break;
            case ReviewPacket r:
                yield return ("Mission", r.Mission);
                yield return ("Outcome", ReviewPacketOutcomeJsonConverter.ToJsonValue(r.Outcome));
                break;
            case ReadinessPacket r:
                yield return ("Result", ReadinessPacketResultJsonConverter.ToJsonValue(r.Result));
                yield return ("Log", r.LogPath);
                break;
            case CouncilPacket c:
                yield return ("Triggers", string.Join(", ", System.Linq.Enumerable.Select(c.Triggers, t => CouncilTriggerIdJsonConverter.ToJsonValue(t.Id))));
                break;
        }
    }

    private static string Receiver(Packet packet) => packet switch
    {
        HandoffPacket h => Name(h.ToRole),
        ContextRequestPacket => "the agent that can answer (Architect or Builder)",
        ContextResponsePacket => "the agent that asked",
        ReviewPacket or ReadinessPacket or CouncilPacket => "human lead",
        _ => "the next agent",
    };

    public static string Name(Role role) => role switch
    {
        Role.HumanLead => "human lead",
        Role.Architect => "Architect",
        Role.Builder => "Builder",
        Role.Planner => "planner",
        Role.Executor => "executor",
        _ => RoleJsonConverter.ToJsonValue(role),
    };
}
