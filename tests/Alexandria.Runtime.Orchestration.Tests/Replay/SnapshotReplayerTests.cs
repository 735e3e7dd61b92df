using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Scenarios;

namespace Alexandria.Runtime.Orchestration.Tests.Replay;

public sealed class SnapshotReplayerTests
{
    [Fact]
    public async Task Replay_rebuilds_every_snapshot_with_identical_bytes()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "replay", Drafts.ScriptedOptions());
        for (var step = 0; step < 20; step++)
        {
            await Drafts.CompleteStepAsync(session, step, verbose: step % 3 == 0);
        }

        var report = await new SnapshotReplayer(temp.Store).VerifyAsync("replay");

        Assert.True(report.Verified, string.Join("\n", report.Mismatches));
        Assert.Equal(3, report.SnapshotsChecked);
        Assert.Equal(session.LastSeq, report.EventsRead);
    }

    [Fact]
    public async Task Replay_detects_a_tampered_stored_snapshot_and_names_the_first_differing_pointer()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "tampered", Drafts.ScriptedOptions());
        for (var step = 0; step < 12; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        var history = await temp.Store.Snapshots.GetHistoryAsync("tampered");
        var target = history[1].SnapshotId;
        var tampered = new TamperedSnapshots(temp.Store.Snapshots, target, bytes =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"counted_events\":18", "\"counted_events\":17", StringComparison.Ordinal)));

        var report = await new SnapshotReplayer(new StoreView(temp.Store, tampered)).VerifyAsync("tampered");

        Assert.False(report.Verified);
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal(target, mismatch.SnapshotId);
        Assert.Equal("/counted_events", mismatch.Pointer);
    }

    [Fact]
    public async Task Replay_reports_a_snapshot_damaged_on_disk_instead_of_failing()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "damaged", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        // Edit the stored bytes wherever the embedded backend keeps them; its checksums must catch it.
        var needle = Encoding.UTF8.GetBytes("\"counted_events\":18");
        var damaged = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(temp.Directory, "*", System.IO.SearchOption.AllDirectories))
        {
            var bytes = await System.IO.File.ReadAllBytesAsync(file);
            var at = bytes.AsSpan().IndexOf(needle);
            if (at >= 0 && !file.Contains("events", StringComparison.Ordinal))
            {
                bytes[at + needle.Length - 1] = (byte)'7';
                await System.IO.File.WriteAllBytesAsync(file, bytes);
                damaged++;
            }
        }

        Assert.True(damaged > 0, "no stored snapshot bytes found to damage");
        await using var reopened = await TemporaryStore.ReopenAsync(temp.Directory);

        var report = await new SnapshotReplayer(reopened.Store).VerifyAsync("damaged");

        Assert.False(report.Verified);
        Assert.NotEmpty(report.Mismatches);
    }

    [Fact]
    public async Task Replay_reports_a_stored_snapshot_the_log_does_not_record()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var scenario = await ScenarioReader.ReadAsync(RepositoryPaths.Scenario("fallback-steps.json"));
        var session = await RunSession.OpenAsync(temp.Store, "orphan", Drafts.ScriptedOptions());
        await new ScenarioRunner(session, scenario).RunAsync();
        var latest = (await temp.Store.Snapshots.GetLatestAsync("orphan"))!;

        // A snapshot written behind the runtime's back: valid bytes, but no compaction_finished event.
        var forged = latest with { SnapshotId = Guid.NewGuid(), ParentSnapshotId = latest.SnapshotId, FirstSeq = latest.LastSeq + 1, LastSeq = latest.LastSeq + 2 };
        await temp.Store.Snapshots.AppendAsync(forged, latest.SnapshotId);

        var report = await new SnapshotReplayer(temp.Store).VerifyAsync("orphan");

        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal(forged.SnapshotId, mismatch.SnapshotId);
        Assert.Contains("no compaction_finished event", mismatch.Reason, StringComparison.Ordinal);
    }
}
