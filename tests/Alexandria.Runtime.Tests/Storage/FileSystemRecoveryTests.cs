using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>How the embedded backend recovers from torn writes and refuses real corruption.</summary>
public sealed class FileSystemRecoveryTests : StoreTestBase
{
    public FileSystemRecoveryTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task A_torn_last_batch_is_absent_after_reopen_and_the_log_stays_appendable()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));
        await Store.Events.AppendAsync(run, 3, TestDocuments.Batch(4, 3));
        await Store.Events.AppendAsync(run, 6, TestDocuments.Batch(7, 3));
        await Store.DisposeAsync();
        string segment = EventSegment(run, 1);
        long intact = new FileInfo(segment).Length;
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(intact - 5);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(6, await reopened.Events.GetLastSeqAsync(run));
        await reopened.Events.AppendAsync(run, 6, TestDocuments.Batch(7, 2, "after"));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), (await reopened.Events.ReadAsync(run, 1, 100)).Select(e => e.Seq));
        Assert.Contains("after", TestDocuments.Text((await reopened.Events.ReadAsync(run, 8, 1))[0].Json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x10, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public async Task Garbage_after_the_last_record_is_cut_and_never_read_as_events(byte[] garbage)
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.DisposeAsync();
        string segment = EventSegment(run, 1);
        long intact = new FileInfo(segment).Length;
        await using (var stream = new FileStream(segment, FileMode.Append))
        {
            await stream.WriteAsync(garbage);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(2, await reopened.Events.GetLastSeqAsync(run));
        await reopened.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 1));
        Assert.Equal(new long[] { 1, 2, 3 }, (await reopened.Events.ReadAsync(run, 1, 10)).Select(e => e.Seq));
        Assert.True(new FileInfo(segment).Length > intact);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_last_batch_drops_that_whole_batch()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 5));
        await Store.DisposeAsync();
        string segment = EventSegment(run, 1);
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        bytes[^10] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(2, await reopened.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task Segments_roll_over_and_reads_span_them()
    {
        await using IRuntimeStore small = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Root, SegmentMaxBytes = 512 });
        string run = NewRunId();
        for (long seq = 1; seq <= 200; seq += 4)
        {
            await small.Events.AppendAsync(run, seq - 1, TestDocuments.Batch(seq, 4));
        }

        Assert.True(File.Exists(EventSegment(run, 5)));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), (await small.Events.ReadAsync(run, 1, 1000)).Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(97, 10).Select(i => (long)i), (await small.Events.ReadAsync(run, 97, 10)).Select(e => e.Seq));

        await using IRuntimeStore reopened = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Root, SegmentMaxBytes = 512 });
        Assert.Equal(200, await reopened.Events.GetLastSeqAsync(run));
    }

    [Fact]
    public async Task A_damaged_record_before_a_later_segment_is_reported_not_cut()
    {
        string run = NewRunId();
        await using (IRuntimeStore small = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = Root, SegmentMaxBytes = 256 }))
        {
            for (long seq = 1; seq <= 40; seq += 4)
            {
                await small.Events.AppendAsync(run, seq - 1, TestDocuments.Batch(seq, 4));
            }
        }

        string first = EventSegment(run, 1);
        byte[] bytes = await File.ReadAllBytesAsync(first);
        bytes[^10] ^= 0x40;
        await File.WriteAllBytesAsync(first, bytes);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.GetLastSeqAsync(run));
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 40, TestDocuments.Batch(41, 1)));
        Assert.Equal(bytes.Length, new FileInfo(first).Length);
    }

    [Fact]
    public async Task A_snapshot_whose_pointer_was_never_moved_is_invisible_and_cut_by_the_next_writer()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 10);
        await Store.Snapshots.AppendAsync(first, null);
        string latest = Path.Combine(Root, "runs", run, "snapshots", "latest");
        byte[] pointerToFirst = await File.ReadAllBytesAsync(latest);
        StoredSnapshot orphan = TestDocuments.Snapshot(run, first.SnapshotId, 11, 20);
        await Store.Snapshots.AppendAsync(orphan, first.SnapshotId);
        await Store.DisposeAsync();

        // As if the process died after the record was durable but before the pointer was replaced.
        await File.WriteAllBytesAsync(latest, pointerToFirst);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(first.SnapshotId, (await reopened.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(new[] { first.SnapshotId }, (await reopened.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Null(await reopened.Snapshots.GetAsync(run, orphan.SnapshotId));

        StoredSnapshot next = TestDocuments.Snapshot(run, first.SnapshotId, 11, 25);
        await reopened.Snapshots.AppendAsync(next, first.SnapshotId);
        Assert.Equal(new[] { first.SnapshotId, next.SnapshotId }, (await reopened.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
    }

    [Fact]
    public async Task A_pointer_to_a_missing_snapshot_is_reported_as_corruption()
    {
        string run = NewRunId();
        await Store.Snapshots.AppendAsync(TestDocuments.Snapshot(run, null, 1, 10), null);
        await Store.DisposeAsync();
        string segment = Path.Combine(Root, "runs", run, "snapshots", "snapshots-000001.seg");
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(0);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Snapshots.GetLatestAsync(run));
    }

    [Fact]
    public void Crc32c_matches_the_published_check_value_on_every_code_path()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xE3069283u, Alexandria.Runtime.Storage.Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, Alexandria.Runtime.Storage.Crc32C.ComputeWithTable(check));
        byte[] data = new byte[1000];
        new Random(7).NextBytes(data);
        Assert.Equal(Alexandria.Runtime.Storage.Crc32C.ComputeWithTable(data), Alexandria.Runtime.Storage.Crc32C.Compute(data));
    }

    private string EventSegment(string run, int number) => Path.Combine(Root, "runs", run, "events", $"events-{number:D6}.seg");
}
