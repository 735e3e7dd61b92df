using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>The snapshot-store contract, run against every backend.</summary>
public abstract class SnapshotStoreTests : StoreTestBase
{
    protected SnapshotStoreTests(StoreBackend backend)
        : base(backend)
    {
    }

    [Fact]
    public async Task A_run_without_snapshots_has_no_latest_and_empty_history()
    {
        string run = NewRunId();
        Assert.Null(await Store.Snapshots.GetLatestAsync(run));
        Assert.Empty(await Store.Snapshots.GetHistoryAsync(run));
        Assert.Null(await Store.Snapshots.GetAsync(run, Guid.NewGuid()));
    }

    [Fact]
    public async Task Appending_moves_latest_and_keeps_every_earlier_snapshot_in_history()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);
        StoredSnapshot second = TestDocuments.Snapshot(run, first.SnapshotId, 19, 36);
        StoredSnapshot third = TestDocuments.Snapshot(run, second.SnapshotId, 37, 40);

        await Store.Snapshots.AppendAsync(first, expectedLatest: null);
        Assert.Equal(first.SnapshotId, (await Store.Snapshots.GetLatestAsync(run))!.SnapshotId);
        await Store.Snapshots.AppendAsync(second, first.SnapshotId);
        await Store.Snapshots.AppendAsync(third, second.SnapshotId);

        StoredSnapshot latest = (await Store.Snapshots.GetLatestAsync(run))!;
        AssertSame(third, latest);

        IReadOnlyList<StoredSnapshot> history = await Store.Snapshots.GetHistoryAsync(run);
        Assert.Equal(new[] { first.SnapshotId, second.SnapshotId, third.SnapshotId }, history.Select(s => s.SnapshotId));
        AssertSame(first, history[0]);
        AssertSame(second, history[1]);
        AssertSame(second, (await Store.Snapshots.GetAsync(run, second.SnapshotId))!);
        Assert.Null(await Store.Snapshots.GetAsync(NewRunId(), second.SnapshotId));
    }

    [Fact]
    public async Task An_append_against_a_moved_latest_is_rejected_and_writes_nothing()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);
        StoredSnapshot second = TestDocuments.Snapshot(run, first.SnapshotId, 19, 36);
        await Store.Snapshots.AppendAsync(first, null);
        await Store.Snapshots.AppendAsync(second, first.SnapshotId);

        StoredSnapshot stale = TestDocuments.Snapshot(run, first.SnapshotId, 19, 30);
        var conflict = await Assert.ThrowsAsync<SnapshotConflictException>(() => Store.Snapshots.AppendAsync(stale, first.SnapshotId));
        Assert.Equal(first.SnapshotId, conflict.ExpectedLatest);
        Assert.Equal(second.SnapshotId, conflict.ActualLatest);

        var none = await Assert.ThrowsAsync<SnapshotConflictException>(() => Store.Snapshots.AppendAsync(stale, null));
        Assert.Equal(second.SnapshotId, none.ActualLatest);

        Assert.Equal(second.SnapshotId, (await Store.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(2, (await Store.Snapshots.GetHistoryAsync(run)).Count);
        Assert.Null(await Store.Snapshots.GetAsync(run, stale.SnapshotId));
    }

    [Fact]
    public async Task The_first_append_must_expect_no_latest()
    {
        string run = NewRunId();
        var conflict = await Assert.ThrowsAsync<SnapshotConflictException>(
            () => Store.Snapshots.AppendAsync(TestDocuments.Snapshot(run, null, 1, 5), Guid.NewGuid()));
        Assert.Null(conflict.ActualLatest);
        Assert.Empty(await Store.Snapshots.GetHistoryAsync(run));
    }

    [Fact]
    public async Task A_snapshot_id_cannot_be_appended_twice()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 18);
        await Store.Snapshots.AppendAsync(first, null);
        await Assert.ThrowsAsync<SnapshotConflictException>(() => Store.Snapshots.AppendAsync(first with { FirstSeq = 19, LastSeq = 20 }, first.SnapshotId));
        Assert.Single(await Store.Snapshots.GetHistoryAsync(run));
    }

    [Fact]
    public async Task Concurrent_appends_from_the_same_latest_let_exactly_one_win()
    {
        string run = NewRunId();
        StoredSnapshot root = TestDocuments.Snapshot(run, null, 1, 10);
        await Store.Snapshots.AppendAsync(root, null);
        await using IRuntimeStore other = await OpenAnotherStoreAsync();

        var candidates = Enumerable.Range(0, 8).Select(i => TestDocuments.Snapshot(run, root.SnapshotId, 11, 20 + i)).ToList();
        var outcomes = await Task.WhenAll(candidates.Select((s, i) => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? Store : other).Snapshots.AppendAsync(s, root.SnapshotId);
                return true;
            }
            catch (SnapshotConflictException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(won => won));
        StoredSnapshot winner = candidates[Array.IndexOf(outcomes, true)];
        Assert.Equal(winner.SnapshotId, (await Store.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(new[] { root.SnapshotId, winner.SnapshotId }, (await other.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
    }

    [Fact]
    public async Task Large_snapshots_round_trip_byte_for_byte()
    {
        string run = NewRunId();
        StoredSnapshot big = TestDocuments.Snapshot(run, null, 1, 100, padding: 300_000);
        await Store.Snapshots.AppendAsync(big, null);
        AssertSame(big, (await Store.Snapshots.GetLatestAsync(run))!);
    }

    private static void AssertSame(StoredSnapshot expected, StoredSnapshot actual)
    {
        Assert.Equal(expected.RunId, actual.RunId);
        Assert.Equal(expected.SnapshotId, actual.SnapshotId);
        Assert.Equal(expected.ParentSnapshotId, actual.ParentSnapshotId);
        Assert.Equal(expected.FirstSeq, actual.FirstSeq);
        Assert.Equal(expected.LastSeq, actual.LastSeq);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.Json.ToArray(), actual.Json.ToArray());
    }
}

public sealed class FileSystemSnapshotStoreTests : SnapshotStoreTests
{
    public FileSystemSnapshotStoreTests()
        : base(StoreBackend.FileSystem)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotStoreTests : SnapshotStoreTests
{
    public PostgresSnapshotStoreTests(PostgresCluster cluster)
        : base(StoreBackend.Postgres(cluster))
    {
    }
}
