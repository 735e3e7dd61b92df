using System;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary><see cref="IRuntimeStore.CommitCompactionAsync"/>: a snapshot and the events that record it, committed together, against every backend.</summary>
public abstract class CompactionCommitTests : StoreTestBase
{
    protected CompactionCommitTests(StoreBackend backend)
        : base(backend)
    {
    }

    [Fact]
    public async Task A_commit_writes_the_snapshot_moves_latest_and_appends_the_events()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 18));
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);

        AppendedRange range = await Store.CommitCompactionAsync(first, null, 18, TestDocuments.Batch(19, 2, "compaction"));

        Assert.Equal(new AppendedRange(19, 20), range);
        Assert.Equal(first.SnapshotId, (await Store.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(20, await Store.Events.GetLastSeqAsync(run));

        await Store.Events.AppendAsync(run, 20, TestDocuments.Batch(21, 4));
        StoredSnapshot second = TestDocuments.Snapshot(run, first.SnapshotId, 19, 24);
        await Store.CommitCompactionAsync(second, first.SnapshotId, 24, TestDocuments.Batch(25, 2, "compaction"));

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(new[] { first.SnapshotId, second.SnapshotId }, (await reopened.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Equal(Enumerable.Range(1, 26).Select(i => (long)i), (await reopened.Events.ReadAsync(run, 1, 100)).Select(e => e.Seq));
        Assert.Contains("compaction", TestDocuments.Text((await reopened.Events.ReadAsync(run, 26, 1))[0].Json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_behind_the_event_head_writes_neither_the_snapshot_nor_the_events()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 18));

        var conflict = await Assert.ThrowsAsync<SequenceConflictException>(
            () => Store.CommitCompactionAsync(TestDocuments.Snapshot(run, null, 1, 17), null, 17, TestDocuments.Batch(18, 2)));

        Assert.Equal(18, conflict.ActualLastSeq);
        Assert.Null(await Store.Snapshots.GetLatestAsync(run));
        Assert.Empty(await Store.Snapshots.GetHistoryAsync(run));
        Assert.Equal(18, await Store.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task A_commit_against_a_moved_latest_writes_neither_the_snapshot_nor_the_events()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 18));
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);
        await Store.Snapshots.AppendAsync(first, null);

        var conflict = await Assert.ThrowsAsync<SnapshotConflictException>(
            () => Store.CommitCompactionAsync(TestDocuments.Snapshot(run, null, 1, 18), null, 18, TestDocuments.Batch(19, 2)));

        Assert.Equal(first.SnapshotId, conflict.ActualLatest);
        Assert.Equal(new[] { first.SnapshotId }, (await Store.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Equal(18, await Store.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task A_commit_of_an_existing_snapshot_id_writes_nothing()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 18));
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);
        await Store.CommitCompactionAsync(first, null, 18, TestDocuments.Batch(19, 2));

        await Assert.ThrowsAsync<SnapshotConflictException>(
            () => Store.CommitCompactionAsync(first with { ParentSnapshotId = first.SnapshotId, FirstSeq = 19, LastSeq = 20 }, first.SnapshotId, 20, TestDocuments.Batch(21, 2)));

        Assert.Single(await Store.Snapshots.GetHistoryAsync(run));
        Assert.Equal(20, await Store.Events.GetLastSeqAsync(run));
    }
}

public sealed class FileSystemCompactionCommitTests : CompactionCommitTests
{
    public FileSystemCompactionCommitTests()
        : base(StoreBackend.FileSystem)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCompactionCommitTests : CompactionCommitTests
{
    public PostgresCompactionCommitTests(PostgresCluster cluster)
        : base(StoreBackend.Postgres(cluster))
    {
    }
}
