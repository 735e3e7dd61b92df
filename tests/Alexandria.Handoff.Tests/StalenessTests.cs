using System;
using System.IO;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>TTL: 72 h by default (configurable); stale → BLOCKED: moved, never deleted, with a reason; --allow-stale recorded.</summary>
public sealed class StalenessTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private ContextRequestPacket NewRequest(HandoffWorkspace workspace)
        => new PacketFactory(workspace).Request(new PacketOrigin(HandoffMode.Mode0), Role.Builder, "Auth", "Need the schema");

    [Fact]
    public void A_packet_exactly_at_its_ttl_is_still_fresh()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        _repo.Time.Advance(TimeSpan.FromHours(72));

        Assert.Equal(IngestionOutcome.Acknowledged, workspace.Ingestion.Ingest(request.PacketId, false).Outcome);
    }

    [Fact]
    public void One_second_past_the_ttl_the_packet_is_blocked_moved_not_deleted_with_a_reason_file()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        var original = File.ReadAllBytes(workspace.Store.PathOf(request.PacketId));
        _repo.Time.Advance(TimeSpan.FromHours(72) + TimeSpan.FromSeconds(1));

        var result = workspace.Ingestion.Ingest(request.PacketId, false);

        Assert.Equal(IngestionOutcome.Blocked, result.Outcome);
        Assert.DoesNotContain("ACK", result.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.Store.PathOf(request.PacketId)));
        Assert.Equal(original, File.ReadAllBytes(workspace.Store.BlockedPathOf(request.PacketId)));
        var reason = BlockReason.Parse(File.ReadAllBytes(Path.Combine(workspace.Layout.Blocked, request.PacketId + ".reason.json")));
        Assert.Equal(request.PacketId, reason.PacketId);
        Assert.Equal(72, reason.TtlHours);
        Assert.Contains("stale", reason.Reason, StringComparison.Ordinal);
        Assert.Empty(workspace.Ingestion.AcknowledgementsOf(request.PacketId));
    }

    [Fact]
    public void Allow_stale_is_explicit_and_recorded_in_the_acknowledgement()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        _repo.Time.Advance(TimeSpan.FromHours(100));

        var result = workspace.Ingestion.Ingest(request.PacketId, allowStale: true);

        Assert.Equal("ACK loaded context " + request.PacketId + ".", result.Message);
        var ack = Assert.Single(workspace.Ingestion.AcknowledgementsOf(request.PacketId));
        Assert.True(ack.AllowStale);
        Assert.Equal(100, ack.AgeHours);
        Assert.True(File.Exists(workspace.Store.PathOf(request.PacketId)));
    }

    [Fact]
    public void Allow_stale_on_a_fresh_packet_records_no_override()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);

        workspace.Ingestion.Ingest(request.PacketId, allowStale: true);

        Assert.False(Assert.Single(workspace.Ingestion.AcknowledgementsOf(request.PacketId)).AllowStale);
    }

    [Fact]
    public void The_ttl_is_configurable_in_handoff_yaml()
    {
        _repo.Write("handoff.yaml", "ttl_hours: 2\n");
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        Assert.Equal(2, request.TtlHours);
        _repo.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        Assert.Equal(IngestionOutcome.Blocked, workspace.Ingestion.Ingest(request.PacketId, false).Outcome);
    }

    [Fact]
    public void A_bad_config_is_reported_with_its_line()
    {
        _repo.Write("handoff.yaml", "ttl_hours: 2\nttl_hourz: 3\n");

        var error = Assert.Throws<HandoffException>(() => _repo.Workspace());

        Assert.StartsWith("handoff.yaml(2,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blocked_packet_cannot_be_stored_again_under_its_id()
    {
        var workspace = _repo.Workspace();
        var request = NewRequest(workspace);
        _repo.Time.Advance(TimeSpan.FromDays(4));
        workspace.Ingestion.Ingest(request.PacketId, false);

        Assert.Throws<HandoffException>(() => workspace.Store.Save(request));
        var refused = workspace.Ingestion.Ingest(request.PacketId, false);
        Assert.Equal(IngestionOutcome.Refused, refused.Outcome);
        Assert.Contains("blocked", refused.Message, StringComparison.Ordinal);
    }
}
