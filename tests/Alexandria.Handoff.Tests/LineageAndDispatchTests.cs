using System;
using System.IO;
using Alexandria.Handoff.Dispatch;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>Lineage (Mode 0 generates, Mode 1 inherits, never shown) and the dispatch block of Modes 0 and 1.</summary>
public sealed class LineageAndDispatchTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public LineageAndDispatchTests()
    {
        _repo.Write("artifacts/workstreams.yaml", "workstreams:\n  - id: auth\n    human_name: Authentication\n");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Mode_0_generates_a_lineage_for_a_new_workstream_and_keeps_it_with_the_workstream()
    {
        var factory = new PacketFactory(_repo.Workspace());

        var first = factory.Request(new PacketOrigin(HandoffMode.Mode0, "authentication"), Role.Builder, "Auth", "Schema?");
        var second = factory.Handoff(new PacketOrigin(HandoffMode.Mode0, "Authentication"), Role.Architect, Role.Builder, "Build it", "Agreed", ["src/"]);

        Assert.Matches("^lin-[0-9a-f]{16}$", first.LineageId);
        Assert.Equal(first.LineageId, second.LineageId);
        Assert.Contains(first.LineageId, _repo.Read("artifacts/workstreams.yaml"), StringComparison.Ordinal);
        Assert.Equal("Authentication", first.Workstream);
    }

    [Fact]
    public void Mode_1_inherits_the_lineage_of_the_context_packet()
    {
        var factory = new PacketFactory(_repo.Workspace());
        var request = factory.Request(new PacketOrigin(HandoffMode.Mode1), Role.Builder, "Auth", "Schema?");

        var handoff = factory.Handoff(new PacketOrigin(HandoffMode.Mode1, ContextPacketId: request.PacketId), Role.Architect, Role.Builder, "Build it", "Agreed", ["src/"]);
        var unrelated = factory.Request(new PacketOrigin(HandoffMode.Mode1), Role.Builder, "Billing", "Export?");

        Assert.Equal(request.LineageId, handoff.LineageId);
        Assert.NotEqual(request.LineageId, unrelated.LineageId);
    }

    [Fact]
    public void The_dispatch_block_names_the_packet_and_its_ack_command_and_never_the_lineage()
    {
        var workspace = _repo.Workspace();
        var handoff = new PacketFactory(workspace).Handoff(new PacketOrigin(HandoffMode.Mode0, "Authentication"), Role.Architect, Role.Builder, "Build it", "Agreed", ["src/"]);

        var block = DispatchBlock.Render(handoff, File.ReadAllBytes(workspace.Store.PathOf(handoff.PacketId)));

        Assert.StartsWith(DispatchBlock.Begin + "\nTo: Builder\nPacket: HANDOFF " + handoff.PacketId + "\n", block, StringComparison.Ordinal);
        Assert.Contains("Run: alexandria handoff ack " + handoff.PacketId + "\n", block, StringComparison.Ordinal);
        Assert.DoesNotContain(handoff.LineageId, block, StringComparison.Ordinal);
        Assert.DoesNotContain("SHA-256", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Mode_1_attests_the_packet_and_ack_refuses_a_packet_changed_after_dispatch()
    {
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(new PacketOrigin(HandoffMode.Mode1), Role.Builder, "Auth", "Schema?");
        var path = workspace.Store.PathOf(request.PacketId);
        var block = DispatchBlock.Render(request, File.ReadAllBytes(path));
        var sha = Preflight.Hashing.FileSha256(path);
        Assert.Contains("Run: alexandria handoff ack " + request.PacketId + " --sha256 " + sha, block, StringComparison.Ordinal);

        File.WriteAllText(path, File.ReadAllText(path).Replace("Schema?", "Something else?", StringComparison.Ordinal));
        var refused = workspace.Ingestion.Ingest(request.PacketId, false, sha);

        Assert.Equal(IngestionOutcome.Refused, refused.Outcome);
        Assert.Contains("changed after it was sent", refused.Message, StringComparison.Ordinal);
    }
}
