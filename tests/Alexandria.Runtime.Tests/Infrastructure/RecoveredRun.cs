using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>What a crash test found whole in a run after a kill; the next kill's check compares against it.</summary>
public sealed record RecoveredRun(long LastSeq, int Snapshots, int CompactionsChecked)
{
    public static RecoveredRun Empty { get; } = new(0, 0, 0);

    /// <summary>
    /// Reads a run back after a kill (a reopened store, so recovery runs) and asserts it whole: nothing committed
    /// before lost, the log gapless and every event whole, the snapshot chain intact and the latest pointer
    /// resolvable, every snapshot a compaction committed followed by its <c>compaction_started</c>/<c>compaction_finished</c>,
    /// and every artifact readable at its size (a read hash-checks it).
    /// </summary>
    public static async Task<RecoveredRun> AssertWholeAsync(IRuntimeStore reopened, string run, RecoveredRun previous, string when)
    {
        long lastSeq = await reopened.Events.GetLastSeqAsync(run);
        Assert.True(lastSeq >= previous.LastSeq, $"{when}: committed events were lost ({previous.LastSeq} -> {lastSeq})");

        IReadOnlyList<StoredEvent> events = await reopened.Events.ReadAsync(run, 1, int.MaxValue);
        Assert.Equal(lastSeq, events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].Seq);
            AssertWhole(events[i].Json, "seq", events[i].Seq);
        }

        StoredSnapshot? latest = await reopened.Snapshots.GetLatestAsync(run);
        IReadOnlyList<StoredSnapshot> history = await reopened.Snapshots.GetHistoryAsync(run);
        Assert.True(history.Count >= previous.Snapshots, $"{when}: committed snapshots were lost");
        int compactions = 0;
        if (history.Count > 0)
        {
            Assert.NotNull(latest);
            Assert.Equal(history[^1].SnapshotId, latest!.SnapshotId);
            Assert.True(latest.LastSeq <= lastSeq, $"{when}: the latest snapshot covers events that are not in the log");
            for (int i = 0; i < history.Count; i++)
            {
                Assert.Equal(i == 0 ? null : history[i - 1].SnapshotId, history[i].ParentSnapshotId);
                Assert.Equal(i == 0 ? 1 : history[i - 1].LastSeq + 1, history[i].FirstSeq);
                using JsonDocument document = JsonDocument.Parse(history[i].Json);
                Assert.Equal(history[i].SnapshotId, document.RootElement.GetProperty("snapshot_id").GetGuid());
                Assert.Equal(document.RootElement.GetProperty("pad_length").GetInt32(), document.RootElement.GetProperty("pad").GetString()!.Length);
                if (document.RootElement.GetProperty("via_compaction").GetBoolean())
                {
                    // A compaction is one unit: its snapshot never exists without the events that record it.
                    long covered = history[i].LastSeq;
                    Assert.True(covered + 2 <= lastSeq, $"{when}: snapshot {history[i].SnapshotId} committed by a compaction lacks its events");
                    Assert.Equal(("compaction_started", "compaction_finished"), (events[(int)covered].Kind, events[(int)covered + 1].Kind));
                    compactions++;
                }
            }
        }
        else
        {
            Assert.Null(latest);
        }

        foreach (ArtifactMetadata artifact in await reopened.Artifacts.FindByRunAsync(run))
        {
            Assert.Equal(artifact.SizeBytes, (await reopened.ReadArtifactAsync(artifact)).LongLength);
        }

        return new RecoveredRun(lastSeq, history.Count, compactions);
    }

    private static void AssertWhole(ReadOnlyMemory<byte> json, string seqProperty, long seq)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(seq, root.GetProperty(seqProperty).GetInt64());
        Assert.Equal(root.GetProperty("pad_length").GetInt32(), root.GetProperty("pad").GetString()!.Length);
    }
}
