using System;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>Preflight in the seed's order, Mode 0 log evidence, Mode 1 attestation checked by verify.</summary>
public sealed class PreflightTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public PreflightTests()
    {
        _repo.Write("README.md", "# Demo\n");
        _repo.Commit("base");
    }

    public void Dispose() => _repo.Dispose();

    private PreflightOutcome Run(HandoffMode mode = HandoffMode.Mode0) => new PreflightRunner(_repo.Workspace()).Run(new PacketOrigin(mode));

    [Fact]
    public void The_readiness_script_runs_first_and_the_test_command_is_then_not_needed()
    {
        _repo.Write("docs/scripts/check_readiness.py", "print('readiness: all good')\n");
        _repo.Write("handoff.yaml", "test_command: \"echo should-not-run; exit 1\"\n");

        var outcome = Run();

        Assert.Equal(ReadinessPacketResult.Ready, outcome.Packet.Result);
        Assert.Equal([ReadinessStepName.ReadinessScript, ReadinessStepName.TestCommand, ReadinessStepName.StateBlockers, ReadinessStepName.BlockedPackets],
            outcome.Packet.Steps.Select(s => s.Name));
        Assert.Equal(ReadinessStepStatus.Passed, outcome.Packet.Steps[0].Status);
        Assert.Equal(ReadinessStepStatus.Skipped, outcome.Packet.Steps[1].Status);
        var log = File.ReadAllText(outcome.LogPath);
        Assert.Contains("readiness: all good", log, StringComparison.Ordinal);
        Assert.DoesNotContain("should-not-run", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_readiness_script_the_fallback_test_command_runs_and_its_failure_makes_it_not_ready()
    {
        _repo.Write("handoff.yaml", "test_command: \"echo 3 tests failed; exit 1\"\n");

        var outcome = Run();

        Assert.Equal(ReadinessPacketResult.NotReady, outcome.Packet.Result);
        Assert.Equal(ReadinessStepStatus.Skipped, outcome.Packet.Steps[0].Status);
        Assert.Equal(ReadinessStepStatus.Failed, outcome.Packet.Steps[1].Status);
        Assert.Contains("3 tests failed", File.ReadAllText(outcome.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_test_script_is_the_default_fallback()
    {
        _repo.Write("test.sh", "#!/bin/sh\necho ran-test-sh\n");

        var outcome = Run();

        Assert.Contains("'bash test.sh' exited with 0", outcome.Packet.Steps[1].Detail, StringComparison.Ordinal);
        Assert.Contains("ran-test-sh", File.ReadAllText(outcome.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Blockers_in_the_state_file_make_it_not_ready_and_none_does_not()
    {
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");
        _repo.Write("LIFEOS_STATE.md", "# State\n\n## Blockers\n- Waiting for the auth decision\n- CI is red\n\n## Next\n- ship it\n");
        var blocked = Run();
        Assert.Equal(ReadinessPacketResult.NotReady, blocked.Packet.Result);
        Assert.Equal("LIFEOS_STATE.md lists 2 blocker(s): Waiting for the auth decision; CI is red", blocked.Packet.Steps[2].Detail);

        _repo.Write("LIFEOS_STATE.md", "# State\n\n## Blockers\n- None\n\n## Next\n- ship it\n");
        Assert.Equal(ReadinessPacketResult.Ready, Run().Packet.Result);
    }

    [Fact]
    public void A_blocked_packet_makes_it_not_ready()
    {
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");
        var workspace = _repo.Workspace();
        var request = new PacketFactory(workspace).Request(new PacketOrigin(HandoffMode.Mode0), Role.Builder, "Auth", "Schema?");
        _repo.Time.Advance(TimeSpan.FromDays(5));
        workspace.Ingestion.Ingest(request.PacketId, false);

        var outcome = Run();

        Assert.Equal(ReadinessPacketResult.NotReady, outcome.Packet.Result);
        Assert.Equal("1 blocked packet(s): " + request.PacketId, outcome.Packet.Steps[3].Detail);
    }

    [Fact]
    public void Mode_0_writes_the_log_under_logs_preflight_and_no_attestation()
    {
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");

        var outcome = Run(HandoffMode.Mode0);

        Assert.StartsWith("logs/preflight/preflight_20260106T090000Z", outcome.Packet.LogPath, StringComparison.Ordinal);
        Assert.Null(outcome.Packet.Attestation);
        Assert.True(File.Exists(outcome.LogPath));
    }

    [Fact]
    public void Mode_1_attests_the_log_and_inputs_and_verify_detects_a_changed_log()
    {
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");
        _repo.Write("LIFEOS_STATE.md", "## Blockers\n- None\n");
        var outcome = Run(HandoffMode.Mode1);
        var attestation = outcome.Packet.Attestation;
        Assert.NotNull(attestation);
        Assert.Equal(Hashing.FileSha256(outcome.LogPath), attestation.Log.Sha256);
        Assert.Equal(["LIFEOS_STATE.md"], attestation.Inputs.Select(i => i.Path));
        var layout = _repo.Workspace().Layout;
        Assert.Empty(Hashing.Check(layout, attestation));

        File.AppendAllText(outcome.LogPath, "edited afterwards\n");

        var problems = Hashing.Check(layout, attestation);
        Assert.Single(problems);
        Assert.StartsWith(outcome.Packet.LogPath + ": SHA-256 is ", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_preflights_at_the_same_second_keep_both_logs()
    {
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");

        var first = Run();
        var second = Run();

        Assert.NotEqual(first.LogPath, second.LogPath);
        Assert.True(File.Exists(first.LogPath));
    }
}
