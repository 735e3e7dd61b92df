using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.FileSystem;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// A compaction on the embedded store is one atomic unit: when the writer dies after the snapshot record
/// (the commit point) and before its events reach the log, the next access completes the commit.
/// </summary>
public sealed class CompactionRollForwardTests : StoreTestBase
{
    public CompactionRollForwardTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_snapshot_committed_without_its_events_gets_them_on_the_next_access(bool firstAccessIsAWrite)
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 6));
        await Store.DisposeAsync();

        // What a compaction leaves when the process dies between its two writes: the snapshot record, with the
        // batch it commits, and no batch in the event log.
        StoredSnapshot snapshot = TestDocuments.Snapshot(run, null, 1, 6);
        EventToAppend[] recording =
        [
            new(2, "compaction_started", false, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{\"n\":7}")),
            new(2, "compaction_finished", false, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{\"n\":8}")),
        ];
        using (var snapshots = new FileSystemSnapshotStore(Root, 64L * 1024 * 1024))
        {
            await snapshots.AppendAsync(snapshot, null, EventBatchRecord.Encode(7, recording), CancellationToken.None);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        if (firstAccessIsAWrite)
        {
            await Assert.ThrowsAsync<SequenceConflictException>(() => reopened.Events.AppendAsync(run, 6, TestDocuments.Batch(7, 1)));
        }

        Assert.Equal(8, await reopened.Events.GetLastSeqAsync(run));
        var tail = await reopened.Events.ReadAsync(run, 7, 10);
        Assert.Equal(new[] { "compaction_started", "compaction_finished" }, tail.Select(e => e.Kind));
        Assert.Equal("{\"n\":8}", Encoding.UTF8.GetString(tail[1].Json.Span));
        Assert.Equal(snapshot.SnapshotId, (await reopened.Snapshots.GetLatestAsync(run))!.SnapshotId);

        // Completed once: later appends and reopenings do not repeat it.
        await reopened.Events.AppendAsync(run, 8, TestDocuments.Batch(9, 2));
        await using IRuntimeStore again = await OpenAnotherStoreAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await again.Events.ReadAsync(run, 1, 100)).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_committed_compaction_reads_back_its_snapshot_bytes_and_events_unchanged()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));
        StoredSnapshot snapshot = TestDocuments.Snapshot(run, null, 1, 3, padding: 300);
        await Store.CommitCompactionAsync(snapshot, null, 3, TestDocuments.Batch(4, 2, "compaction"));
        await Store.DisposeAsync();

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(snapshot.Json.ToArray(), (await reopened.Snapshots.GetLatestAsync(run))!.Json.ToArray());
        Assert.Equal(5, await reopened.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task A_compaction_snapshot_whose_events_are_missing_with_a_gap_is_corruption_that_refuses_appends()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));
        await Store.DisposeAsync();
        using (var snapshots = new FileSystemSnapshotStore(Root, 64L * 1024 * 1024))
        {
            await snapshots.AppendAsync(TestDocuments.Snapshot(run, null, 1, 3), null, EventBatchRecord.Encode(6, TestDocuments.Batch(6, 1)), CancellationToken.None);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 3, TestDocuments.Batch(4, 1)));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);

        // The events that are there stay readable (replay and inspect report the gap where it is).
        Assert.Equal(3, await reopened.Events.GetLastSeqAsync(run));
    }
}
