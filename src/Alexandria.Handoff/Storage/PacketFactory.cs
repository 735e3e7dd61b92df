using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Handoff.Council;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Workstreams;

namespace Alexandria.Handoff.Storage;

/// <summary>What every new packet shares: who sends it, how it travels, and the loose workstream phrase or context it continues.</summary>
public sealed record PacketOrigin(HandoffMode Mode, string? Workstream = null, string? ContextPacketId = null, string? Mission = null);

/// <summary>
/// Creates packets and stores them (validated, append-only). Lineage (internal): a new workstream in Mode 0 gets a
/// new lineage id; in Mode 1 and 2 it is inherited from the context packet the new one continues.
/// </summary>
public sealed class PacketFactory
{
    private readonly HandoffWorkspace _workspace;

    public PacketFactory(HandoffWorkspace workspace) => _workspace = workspace;

    public ContextRequestPacket Request(PacketOrigin origin, Role requester, string topic, string query)
    {
        var (lineage, workstream) = Lineage(origin);
        return Save(new ContextRequestPacket
        {
            PacketId = PacketIds.New("CONTEXT_REQUEST"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = origin.Mission,
            RequesterRole = requester, Topic = topic, Query = query,
        });
    }

    /// <summary>Answers a stored request; the request must exist and every path must be a file at <paramref name="commitRef"/>.</summary>
    public ContextResponsePacket Respond(PacketOrigin origin, string requestPacketId, Role responder, string commitRef, IReadOnlyList<RepoRef> refs)
    {
        var commit = _workspace.Git.ResolveCommit(commitRef) ?? throw new HandoffException("'" + commitRef + "' is not a commit of this repository");
        var (lineage, workstream) = Lineage(origin with { ContextPacketId = origin.ContextPacketId ?? requestPacketId });
        var packet = new ContextResponsePacket
        {
            PacketId = PacketIds.New("CONTEXT_RESPONSE"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = origin.Mission,
            ResponderRole = responder, RequestPacketId = requestPacketId, Commit = commit, RepoRefs = refs,
        };
        var problems = _workspace.Ingestion.CheckResponse(packet);
        if (problems.Count > 0)
        {
            throw new HandoffException("the response was not written: " + string.Join("; ", problems));
        }

        return Save(packet);
    }

    public HandoffPacket Handoff(PacketOrigin origin, Role from, Role to, string objective, string state, IReadOnlyList<string> scope)
    {
        var (lineage, workstream) = Lineage(origin);
        return Save(new HandoffPacket
        {
            PacketId = PacketIds.New("HANDOFF"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = origin.Mission,
            FromRole = from, ToRole = to, Objective = objective, State = state, Scope = scope,
        });
    }

    public ReviewPacket Review(PacketOrigin origin, string mission, Role author, ReviewPacketOutcome outcome, string summary, IReadOnlyList<string> filesChanged)
    {
        var (lineage, workstream) = Lineage(origin);
        return Save(new ReviewPacket
        {
            PacketId = PacketIds.New("REVIEW"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = mission,
            AuthorRole = author, Outcome = outcome, Summary = summary, FilesChanged = filesChanged,
        });
    }

    public CouncilPacket Council(PacketOrigin origin, CouncilResult result)
    {
        var (lineage, workstream) = Lineage(origin);
        return Save(new CouncilPacket
        {
            PacketId = PacketIds.New("COUNCIL"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = origin.Mission,
            Base = result.Base, Head = result.Head, Triggers = result.Triggers,
        });
    }

    public ReadinessPacket Readiness(PacketOrigin origin, ReadinessPacketResult result, IReadOnlyList<ReadinessStep> steps, string logPath, Attestation? attestation)
    {
        var (lineage, workstream) = Lineage(origin);
        return Save(new ReadinessPacket
        {
            PacketId = PacketIds.New("READINESS"), CreatedAt = _workspace.Now, TtlHours = _workspace.Config.TtlHours,
            LineageId = lineage, Workstream = workstream, Mode = origin.Mode, Mission = origin.Mission,
            Result = result, Steps = steps, LogPath = logPath, Attestation = attestation,
        });
    }

    private T Save<T>(T packet)
        where T : Packet
    {
        _workspace.Store.Save(packet);
        return packet;
    }

    /// <summary>The lineage and workstream name of a new packet (the lineage never leaves the packet files).</summary>
    public (string Lineage, string? Workstream) Lineage(PacketOrigin origin)
    {
        Packet? context = origin.ContextPacketId is null ? null : _workspace.Store.Load(origin.ContextPacketId);
        Workstream? workstream = null;
        if (origin.Workstream is not null)
        {
            var resolution = new WorkstreamResolver(_workspace.Layout).Resolve(origin.Workstream);
            workstream = resolution.Workstream ?? throw new HandoffException(resolution.Describe);
        }

        var name = workstream?.HumanName ?? context?.Workstream;
        if (origin.Mode != HandoffMode.Mode0 && context is not null)
        {
            return (context.LineageId, name);
        }

        if (workstream is not null)
        {
            return (workstream.LineageId ?? AssignLineage(workstream), name);
        }

        return (context?.LineageId ?? PacketIds.NewLineage(), name);
    }

    /// <summary>Mode 0: the Builder generates the lineage of a workstream that has none yet, and it is kept with the workstream.</summary>
    private string AssignLineage(Workstream workstream)
    {
        var all = WorkstreamCatalog.Load(_workspace.Layout);
        var entry = all.FirstOrDefault(w => w.Id == workstream.Id);
        var lineage = PacketIds.NewLineage();
        if (entry is not null)
        {
            entry.LineageId = lineage;
            WorkstreamCatalog.Save(_workspace.Layout, all);
        }

        return lineage;
    }
}
