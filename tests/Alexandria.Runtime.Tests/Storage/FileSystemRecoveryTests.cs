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
    public async Task A_flipped_byte_in_the_last_batch_is_corruption_not_a_torn_tail_and_nothing_is_cut()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 5));
        await Store.DisposeAsync();
        string segment = EventSegment(run, 1);
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        bytes[^10] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);

        // The second batch was complete on disk, so it was acknowledged: a bad checksum there is damage, never trimmed.
        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.GetLastSeqAsync(run));
        Assert.Equal(segment, error.FilePath);
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 1)));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(segment));
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

        // The cold open starts at the last indexed record (segment 3); the read that touches the damage reports it.
        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.ReadAsync(run, 1, 100));
        Assert.Equal(first, error.FilePath);
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 40, TestDocuments.Batch(41, 1)));
        Assert.Equal(bytes.Length, new FileInfo(first).Length);

        File.Delete(Path.Combine(Root, "runs", run, "events", "events.idx"));
        await using IRuntimeStore unindexed = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => unindexed.Events.GetLastSeqAsync(run));
        Assert.Equal(bytes.Length, new FileInfo(first).Length);
    }

    [Fact]
    public async Task A_snapshot_append_is_one_record_and_no_pointer_file()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 10);
        await Store.Snapshots.AppendAsync(first, null);
        await Store.Snapshots.AppendAsync(TestDocuments.Snapshot(run, first.SnapshotId, 11, 20), first.SnapshotId);

        Assert.False(File.Exists(LegacyPointer(run)));
        // snapshots.idx is the derived index a cold open starts from (one entry per record), not a commit point.
        Assert.Equal(new[] { "lock", "snapshots-000001.seg", "snapshots.idx" }, Directory.GetFiles(SnapshotDirectory(run)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_torn_snapshot_record_is_absent_after_reopen_and_cut_by_the_next_writer()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 10);
        await Store.Snapshots.AppendAsync(first, null);
        await Store.Snapshots.AppendAsync(TestDocuments.Snapshot(run, first.SnapshotId, 11, 20, padding: 500), first.SnapshotId);
        await Store.DisposeAsync();
        string segment = SnapshotSegment(run);
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            // As if the process died while the second record was being written: its commit point never came.
            stream.SetLength(stream.Length - 100);
        }

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(first.SnapshotId, (await reopened.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(new[] { first.SnapshotId }, (await reopened.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));

        StoredSnapshot next = TestDocuments.Snapshot(run, first.SnapshotId, 11, 25);
        await reopened.Snapshots.AppendAsync(next, first.SnapshotId);
        await using IRuntimeStore again = await OpenAnotherStoreAsync();
        Assert.Equal(new[] { first.SnapshotId, next.SnapshotId }, (await again.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Equal(next.SnapshotId, (await again.Snapshots.GetLatestAsync(run))!.SnapshotId);
    }

    [Fact]
    public async Task A_legacy_record_past_its_latest_pointer_is_invisible_and_cut_by_the_next_writer()
    {
        // A store written before snapshot records committed themselves: format-1 records plus a
        // latest pointer file naming the first; the second record's append died before its pointer moved.
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 10);
        StoredSnapshot orphan = TestDocuments.Snapshot(run, first.SnapshotId, 11, 20);
        WriteLegacySnapshots(run, first, orphan);
        await File.WriteAllTextAsync(LegacyPointer(run), $"alexandria-snapshot-latest/1\n{first.SnapshotId:D}\n1\n");

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(first.SnapshotId, (await reopened.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(new[] { first.SnapshotId }, (await reopened.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Null(await reopened.Snapshots.GetAsync(run, orphan.SnapshotId));
        await Assert.ThrowsAsync<SnapshotConflictException>(() => reopened.Snapshots.AppendAsync(TestDocuments.Snapshot(run, orphan.SnapshotId, 21, 22), orphan.SnapshotId));

        StoredSnapshot next = TestDocuments.Snapshot(run, first.SnapshotId, 11, 25);
        await reopened.Snapshots.AppendAsync(next, first.SnapshotId);
        StoredSnapshot after = TestDocuments.Snapshot(run, next.SnapshotId, 26, 30);
        await reopened.Snapshots.AppendAsync(after, next.SnapshotId);

        await using IRuntimeStore again = await OpenAnotherStoreAsync();
        Assert.Equal(new[] { first.SnapshotId, next.SnapshotId, after.SnapshotId }, (await again.Snapshots.GetHistoryAsync(run)).Select(s => s.SnapshotId));
        Assert.Equal(after.SnapshotId, (await again.Snapshots.GetLatestAsync(run))!.SnapshotId);
        Assert.Equal(first.Json.ToArray(), (await again.Snapshots.GetAsync(run, first.SnapshotId))!.Json.ToArray());
    }

    [Fact]
    public async Task A_legacy_pointer_to_a_missing_snapshot_is_reported_as_corruption()
    {
        string run = NewRunId();
        Directory.CreateDirectory(SnapshotDirectory(run));
        await File.WriteAllTextAsync(LegacyPointer(run), $"alexandria-snapshot-latest/1\n{Guid.NewGuid():D}\n1\n");

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Snapshots.GetLatestAsync(run));
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Snapshots.AppendAsync(TestDocuments.Snapshot(run, null, 1, 2), null));
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

    /// <summary>Writes <paramref name="snapshots"/> as format-1 records (versions 1, 2, …), as earlier versions did.</summary>
    private void WriteLegacySnapshots(string run, params StoredSnapshot[] snapshots)
    {
        using var log = new Alexandria.Runtime.Storage.FileSystem.SegmentLog(SnapshotDirectory(run), "snapshots", 64L * 1024 * 1024);
        log.Refresh(repair: true, (_, _) => true);
        for (int i = 0; i < snapshots.Length; i++)
        {
            byte[] record = Alexandria.Runtime.Storage.FileSystem.SnapshotRecord.Encode(i + 1, snapshots[i]);
            record[0] = Alexandria.Runtime.Storage.FileSystem.SnapshotRecord.LegacyFormat;
            log.Append(record);
        }
    }

    private string SnapshotDirectory(string run) => Path.Combine(Root, "runs", run, "snapshots");

    private string SnapshotSegment(string run) => Path.Combine(SnapshotDirectory(run), "snapshots-000001.seg");

    private string LegacyPointer(string run) => Path.Combine(SnapshotDirectory(run), "latest");

    private string EventSegment(string run, int number) => Path.Combine(Root, "runs", run, "events", $"events-{number:D6}.seg");
}
