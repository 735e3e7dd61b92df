using System;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary><c>handoff sweep</c>: every packet past its TTL is blocked at once — moved, never deleted, with a reason file; <c>--dry-run</c> moves nothing.</summary>
public sealed class SweepTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static ContextRequestPacket NewRequest(HandoffWorkspace workspace, string topic = "Auth")
        => new PacketFactory(workspace).Request(new PacketOrigin(HandoffMode.Mode0), Role.Builder, topic, "Need the schema");

    private SweepResult Sweep(bool dryRun = false)
    {
        var workspace = _repo.Workspace();
        return new StaleSweep(workspace.Store, workspace.Time).Run(dryRun);
    }

    [Fact]
    public void Exactly_at_the_ttl_nothing_is_swept_and_one_second_later_the_packet_moves_with_its_reason_and_bytes()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        var original = File.ReadAllBytes(workspace.Store.PathOf(request.PacketId));

        _repo.Time.Advance(TimeSpan.FromHours(72));
        var atTtl = Sweep();
        _repo.Time.Advance(TimeSpan.FromSeconds(1));
        var pastTtl = Sweep();

        Assert.Empty(atTtl.Blocked);
        Assert.Equal(1, atTtl.Fresh);
        var swept = Assert.Single(pastTtl.Blocked);
        Assert.Equal(request.PacketId, swept.PacketId);
        Assert.Equal("artifacts/packets/blocked/" + request.PacketId + ".json", swept.To);
        Assert.False(File.Exists(workspace.Store.PathOf(request.PacketId)));
        Assert.Equal(original, File.ReadAllBytes(workspace.Store.BlockedPathOf(request.PacketId)));
        var reason = BlockReason.Parse(File.ReadAllBytes(Staleness.ReasonPath(workspace.Store.BlockedPathOf(request.PacketId))));
        Assert.Equal(request.PacketId, reason.PacketId);
        Assert.StartsWith("stale: created 2026-01-06 09:00Z, 72", reason.Reason, StringComparison.Ordinal);
        Assert.Empty(Sweep().Blocked);
    }

    [Fact]
    public void A_dry_run_lists_the_stale_packets_and_moves_nothing()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        _repo.Time.Advance(TimeSpan.FromHours(73));

        var dry = Sweep(dryRun: true);

        Assert.True(dry.DryRun);
        Assert.Equal(request.PacketId, Assert.Single(dry.Blocked).PacketId);
        Assert.True(File.Exists(workspace.Store.PathOf(request.PacketId)));
        Assert.False(Directory.Exists(workspace.Layout.Blocked));
    }

    [Fact]
    public void Each_packet_is_judged_by_its_own_ttl()
    {
        _repo.Write("handoff.yaml", "ttl_hours: 1\n");
        var shortLived = NewRequest(_repo.Workspace(), "Short");
        _repo.Write("handoff.yaml", "ttl_hours: 72\n");
        var longLived = NewRequest(_repo.Workspace(), "Long");

        _repo.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(Sweep().Blocked);
        _repo.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond));
        var swept = Sweep();

        Assert.Equal([shortLived.PacketId], swept.Blocked.Select(b => b.PacketId));
        Assert.True(File.Exists(_repo.Workspace().Store.PathOf(longLived.PacketId)));
    }

    [Fact]
    public void A_packet_file_that_breaks_the_contract_is_reported_with_its_pointer_and_left_in_place()
    {
        var path = _repo.Write("artifacts/packets/req-0123456789ab.json", """{"packet_type":"CONTEXT_REQUEST","packet_id":"req-0123456789ab"}""");
        _repo.Time.Advance(TimeSpan.FromDays(30));

        var swept = Sweep();

        Assert.Empty(swept.Blocked);
        Assert.NotEmpty(swept.Unreadable);
        Assert.All(swept.Unreadable, p => Assert.Equal("artifacts/packets/req-0123456789ab.json", p.File));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void The_cli_sweep_dry_runs_then_blocks_only_the_stale_packet()
    {
        var stale = NewRequest(_repo.Workspace(), "Old");                                   // created in January 2026 (the test clock)
        var fresh = NewRequest(new HandoffWorkspace(_repo.Root, TimeProvider.System), "New"); // created now

        var dry = Cli.Run(_repo.Root, "handoff", "sweep", "--dry-run");
        Assert.True(_repo.Exists("artifacts/packets/" + stale.PacketId + ".json"), dry.ToString());
        var real = Cli.Run(_repo.Root, "handoff", "sweep");

        Assert.Equal(0, dry.Exit);
        Assert.Contains("would block " + stale.PacketId + ": stale", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 stale packet(s) would be blocked, 1 fresh, 0 unreadable.", dry.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, real.Exit);
        Assert.Contains("BLOCKED " + stale.PacketId + ": stale", real.Stdout, StringComparison.Ordinal);
        Assert.True(_repo.Exists("artifacts/packets/blocked/" + stale.PacketId + ".json"));
        Assert.True(_repo.Exists("artifacts/packets/blocked/" + stale.PacketId + ".reason.json"));
        Assert.True(_repo.Exists("artifacts/packets/" + fresh.PacketId + ".json"));
        Assert.DoesNotContain(fresh.PacketId, real.Stdout, StringComparison.Ordinal);
    }
}
