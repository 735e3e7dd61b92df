using System;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Sessions;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary><c>handoff write</c>'s composition: snapshot, packets and git state into the seed's sections, by rules only.</summary>
public sealed class SessionComposerTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void The_snapshot_packets_and_git_state_fill_the_sections_and_the_result_round_trips()
    {
        _repo.Write("src/auth/User.cs", "class User {}\n");
        var baseCommit = _repo.Commit("base");
        var workspace = _repo.Workspace();
        var factory = new PacketFactory(workspace);
        var answered = factory.Request(new PacketOrigin(HandoffMode.Mode0), Role.Builder, "Auth", "Where is the user type?");
        factory.Respond(new PacketOrigin(HandoffMode.Mode0), answered.PacketId, Role.Architect, "HEAD", [new RepoRef { Path = "src/auth/User.cs", Summary = "User" }]);
        var open = factory.Request(new PacketOrigin(HandoffMode.Mode0), Role.Builder, "Billing", "Which export format?");
        factory.Handoff(new PacketOrigin(HandoffMode.Mode0), Role.Planner, Role.Executor, "Ship login", "Half done", ["src/"]);
        _repo.Write("src/auth/Login.cs", "class Login {}\n");
        var snapshot = new SnapshotView("run-1", "snap-1", "Add login to the product", ["Use cookies"], ["Remember me?"], ["Write the login form"]);

        var document = new SessionComposer(workspace).Compose(snapshot, baseCommit);

        Assert.Equal(["Add login to the product"], document.Objective);
        Assert.Equal(["src/auth/User.cs"], document.RehydrationSources);
        Assert.Equal(["Use cookies"], document.Decisions);
        Assert.Equal(["Remember me?", "Context requested (" + open.PacketId + "): Billing — Which export format?"], document.OpenQuestions);
        Assert.Equal(["Write the login form"], document.NextActions);
        Assert.Equal(["src/auth/Login.cs"], document.FilesTouched);
        Assert.Equal("State at handoff: Half done", document.Notes);
        Assert.Contains(new SessionField("role", "executor"), document.Identity);
        Assert.Contains(new SessionField("run_id", "run-1"), document.Identity);
        var markdown = SessionRenderer.Render(document);
        Assert.Equal(markdown, SessionRenderer.Render(SessionParser.Parse(markdown, "x.md")));
        Assert.DoesNotContain(answered.LineageId, markdown, StringComparison.Ordinal);
    }
}
