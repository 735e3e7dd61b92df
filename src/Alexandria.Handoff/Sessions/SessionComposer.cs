using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Sessions;

/// <summary>
/// Composes the session handoff document from a run's latest snapshot, the packets and the git state — by rules
/// only, no model call — so the same inputs always give the same document. Internal lineage ids are never copied in.
/// </summary>
public sealed class SessionComposer
{
    public const string Generator = "alexandria handoff write";

    private readonly HandoffWorkspace _workspace;

    public SessionComposer(HandoffWorkspace workspace) => _workspace = workspace;

    /// <param name="sinceRef">Files touched are those changed since this commit (and any not yet committed).</param>
    public SessionHandoff Compose(SnapshotView? snapshot, string? sinceRef)
    {
        var packets = _workspace.Store.Valid();
        var handoff = packets.OfType<HandoffPacket>().LastOrDefault();
        var responses = packets.OfType<ContextResponsePacket>().ToList();
        var answered = responses.Select(r => r.RequestPacketId).ToHashSet(StringComparer.Ordinal);

        var identity = new List<SessionField> { new("role", RoleJsonConverter.ToJsonValue(handoff?.ToRole ?? Role.Builder)) };
        var workstream = handoff?.Workstream ?? packets.LastOrDefault(p => p.Workstream is not null)?.Workstream;
        if (workstream is not null)
        {
            identity.Add(new SessionField("workstream", workstream));
        }

        if (snapshot is not null)
        {
            identity.Add(new SessionField("run_id", snapshot.RunId));
        }

        var objective = snapshot?.Objective ?? handoff?.Objective;
        var openQuestions = (snapshot?.OpenQuestions ?? []).Concat(packets.OfType<ContextRequestPacket>()
            .Where(r => !answered.Contains(r.PacketId))
            .Select(r => "Context requested (" + r.PacketId + "): " + r.Topic + " — " + r.Query)).ToList();
        var nextActions = (snapshot?.PendingSteps ?? []).ToList();
        foreach (var council in packets.OfType<CouncilPacket>())
        {
            nextActions.Add("Take council packet " + council.PacketId + " to the council (" + string.Join(", ", council.Triggers.Select(t => CouncilTriggerIdJsonConverter.ToJsonValue(t.Id))) + ")");
        }

        var head = _workspace.Git.ResolveCommit("HEAD");
        var metadata = new List<SessionField>
        {
            new("generated_at_utc", _workspace.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("generator", Generator),
        };
        if (head is not null)
        {
            metadata.Add(new SessionField("head_commit", head));
        }

        if (snapshot is not null)
        {
            metadata.Add(new SessionField("snapshot_id", snapshot.SnapshotId));
        }

        return new SessionHandoff
        {
            Title = "Session Handoff",
            Identity = identity,
            Objective = objective is null ? [] : [objective],
            RehydrationSources = responses.SelectMany(r => r.RepoRefs.Select(f => f.Path)).Distinct(StringComparer.Ordinal).ToList(),
            Decisions = snapshot?.Decisions ?? [],
            OpenQuestions = openQuestions,
            NextActions = nextActions,
            FilesTouched = FilesTouched(sinceRef),
            Notes = handoff is null ? "No handoff packet yet." : "State at handoff: " + handoff.State,
            Metadata = metadata,
        };
    }

    private List<string> FilesTouched(string? sinceRef)
    {
        var git = _workspace.Git;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (sinceRef is not null)
        {
            var commit = git.ResolveCommit(sinceRef) ?? throw new HandoffException("--since '" + sinceRef + "' is not a commit of this repository");
            foreach (var line in git.Run("diff", "--name-only", "--no-renames", commit, "HEAD").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                files.Add(line.Trim());
            }
        }

        foreach (var line in git.Run("status", "--porcelain", "--untracked-files=all").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 3)
            {
                files.Add(line[3..].Trim().Trim('"'));
            }
        }

        return files.Where(f => !f.StartsWith("artifacts/", StringComparison.Ordinal) && !f.StartsWith("logs/", StringComparison.Ordinal)).ToList();
    }
}
