using System;
using System.IO;
using System.Linq;
using System.Text;
using Alexandria.Handoff.Bundles;
using Alexandria.Handoff.Council;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;
using Alexandria.Handoff.Storage;
using Alexandria.Handoff.Tests.Infrastructure;

namespace Alexandria.Handoff.Tests;

/// <summary>Closure bundle: contents, manifest hashes, reproducibility, the pickup copy and the never-delete rule.</summary>
public sealed class BundleTests : IDisposable
{
    private readonly TempGitRepo _repo = new();
    private readonly string _base;

    public BundleTests()
    {
        _repo.Write("README.md", "# Demo\n");
        _repo.Write("docs/governance.md", "# Rules\n");
        _repo.Write("handoff.yaml", "test_command: \"true\"\n");
        _base = _repo.Commit("base");
    }

    public void Dispose() => _repo.Dispose();

    private (ReviewPacket Review, ReadinessPacket Readiness, CouncilPacket Council) Mission(string mission)
    {
        var workspace = _repo.Workspace();
        var factory = new PacketFactory(workspace);
        var origin = new PacketOrigin(HandoffMode.Mode1, Mission: mission);
        _repo.Write("docs/governance.md", "# Rules\n\nA new rule.\n");
        _repo.Write(".ci/run", "#!/bin/sh\n");
        var head = _repo.Commit("work");
        var council = factory.Council(origin, CouncilCheck.Run(workspace.Layout, workspace.Config, _base, head, null));
        var readiness = new PreflightRunner(workspace).Run(origin).Packet;
        var review = factory.Review(origin, mission, Role.Builder, ReviewPacketOutcome.Complete, "Done and tested.", ["docs/governance.md", ".ci/run"]);
        factory.Review(new PacketOrigin(HandoffMode.Mode0), "Another mission", Role.Builder, ReviewPacketOutcome.Partial, "Other.", []);
        return (review, readiness, council);
    }

    [Fact]
    public void The_bundle_holds_the_missions_review_council_readiness_packets_evidence_and_modified_governance_docs()
    {
        var (review, readiness, council) = Mission("Auth v2");

        var result = new ClosureBundle(_repo.Workspace()).Close("Auth v2", _base);

        Assert.Equal(Path.Combine(_repo.Workspace().Layout.Bundles, "Auth_v2_20260106T090000Z.zip"), result.BundlePath);
        Assert.Equal(
            new[] { "MANIFEST.md", "artifacts/packets/" + council.PacketId + ".json", "artifacts/packets/" + readiness.PacketId + ".json",
                "artifacts/packets/" + review.PacketId + ".json", "docs/governance.md", readiness.LogPath }.Order(StringComparer.Ordinal),
            ReproducibleZip.Read(result.BundlePath).Select(e => e.Name));
        Assert.Equal("📦 Path: " + result.BundlePath, result.PathLine);
        Assert.True(Path.IsPathFullyQualified(result.BundlePath));
    }

    [Fact]
    public void The_manifest_lists_every_entry_with_its_hash_and_verify_accepts_the_bundle()
    {
        Mission("Auth v2");
        var result = new ClosureBundle(_repo.Workspace()).Close("Auth v2", _base);

        var manifest = File.ReadAllText(result.ManifestPath);
        foreach (var entry in ReproducibleZip.Read(result.BundlePath).Where(e => e.Name != "MANIFEST.md"))
        {
            Assert.Contains("| " + entry.Name + " | " + entry.Bytes.Length + " | " + Hashing.Sha256(entry.Bytes) + " |", manifest, StringComparison.Ordinal);
        }

        Assert.Contains("- bundle_sha256: " + Hashing.FileSha256(result.BundlePath), manifest, StringComparison.Ordinal);
        Assert.Empty(BundleVerifier.Verify(result.BundlePath));
    }

    [Fact]
    public void Verify_detects_a_tampered_bundle()
    {
        Mission("Auth v2");
        var result = new ClosureBundle(_repo.Workspace()).Close("Auth v2", _base);
        var entries = ReproducibleZip.Read(result.BundlePath).ToList();
        var index = entries.FindIndex(e => e.Name == "docs/governance.md");
        entries[index] = entries[index] with { Bytes = Encoding.UTF8.GetBytes("# Rules\n\nQuietly changed.\n") };
        var tampered = Path.Combine(_repo.Root, "tampered.zip");
        File.WriteAllBytes(tampered, ReproducibleZip.Write(entries));

        var problems = BundleVerifier.Verify(tampered);

        Assert.Contains(problems, p => p.StartsWith("docs/governance.md: SHA-256 ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_zip_is_reproducible_sorted_with_fixed_timestamps()
    {
        BundleEntry[] entries = [new("b.txt", [1, 2]), new("a/z.txt", [3]), new("a/b.txt", [4])];

        var first = ReproducibleZip.Write(entries);
        var second = ReproducibleZip.Write(entries.Reverse());

        Assert.Equal(first, second);
        var path = Path.Combine(_repo.Root, "r.zip");
        File.WriteAllBytes(path, first);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Equal(["a/b.txt", "a/z.txt", "b.txt"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void The_bundle_and_review_packet_are_copied_to_the_pickup_folder_and_nothing_there_is_deleted_or_overwritten()
    {
        var (review, _, _) = Mission("Auth v2");
        var forCeo = _repo.Workspace().Layout.ForCeo;
        Directory.CreateDirectory(forCeo);
        File.WriteAllText(Path.Combine(forCeo, "earlier_pickup.zip"), "the CEO has not collected this yet");
        File.WriteAllText(Path.Combine(forCeo, review.PacketId + ".json"), "a different file with the same name");

        var result = new ClosureBundle(_repo.Workspace()).Close("Auth v2", _base);

        Assert.Equal("the CEO has not collected this yet", File.ReadAllText(Path.Combine(forCeo, "earlier_pickup.zip")));
        Assert.Equal("a different file with the same name", File.ReadAllText(Path.Combine(forCeo, review.PacketId + ".json")));
        Assert.Equal(File.ReadAllBytes(result.BundlePath), File.ReadAllBytes(Path.Combine(forCeo, Path.GetFileName(result.BundlePath))));
        Assert.Contains(Path.Combine(forCeo, review.PacketId + "_2.json"), result.PickupFiles);
        Assert.Equal(File.ReadAllBytes(_repo.Workspace().Store.PathOf(review.PacketId)), File.ReadAllBytes(Path.Combine(forCeo, review.PacketId + "_2.json")));

        _repo.Time.Advance(TimeSpan.FromMinutes(5));
        var again = new ClosureBundle(_repo.Workspace()).Close("Auth v2", _base);
        Assert.True(File.Exists(Path.Combine(forCeo, Path.GetFileName(result.BundlePath))));
        Assert.True(File.Exists(Path.Combine(forCeo, Path.GetFileName(again.BundlePath))));
        Assert.Equal(5, Directory.EnumerateFiles(forCeo).Count());
    }

    [Fact]
    public void Closing_a_mission_without_a_review_packet_is_refused()
    {
        var error = Assert.Throws<HandoffException>(() => new ClosureBundle(_repo.Workspace()).Close("Unknown mission", null));

        Assert.Contains("no REVIEW packet for the mission 'Unknown mission'", error.Message, StringComparison.Ordinal);
    }
}
