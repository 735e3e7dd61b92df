using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// A torn tail (an append that never finished) is trimmed; damage with acknowledged records after it is
/// reported with its file and offset, refuses writes, and never shortens the file — in every segment log.
/// </summary>
public sealed class FileSystemCorruptionTests : StoreTestBase
{
    public FileSystemCorruptionTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task A_damaged_event_batch_followed_by_acknowledged_batches_is_reported_at_its_offset_and_never_truncated()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 2));
        await Store.Events.AppendAsync(run, 4, TestDocuments.Batch(5, 2));
        await Store.DisposeAsync();
        string segment = EventSegment(run);
        byte[] original = await File.ReadAllBytesAsync(segment);
        long second = RecordOffsets(original)[1];
        byte[] damaged = (byte[])original.Clone();
        damaged[second + 20] ^= 0x01;
        await File.WriteAllBytesAsync(segment, damaged);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.ReadAsync(run, 1, 10));
        Assert.Equal(segment, error.FilePath);
        Assert.Equal(second, error.Offset);
        Assert.Contains($"offset {second}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 6, TestDocuments.Batch(7, 1)));
        Assert.Equal(damaged, await File.ReadAllBytesAsync(segment));
    }

    [Fact]
    public async Task A_damaged_length_field_that_overruns_the_file_is_corruption_when_whole_records_follow()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 1));
        await Store.Events.AppendAsync(run, 1, TestDocuments.Batch(2, 1));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 1));
        await Store.DisposeAsync();
        string segment = EventSegment(run);
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        long second = RecordOffsets(bytes)[1];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)second), 0x00FF_FFFF);
        await File.WriteAllBytesAsync(segment, bytes);

        // A cold open starts at the last indexed record, so the damage is found by the read that touches it (file and
        // offset); from then on writes are refused and nothing is cut.
        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.ReadAsync(run, 1, 10));
        Assert.Equal(second, error.Offset);
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.AppendAsync(run, 3, TestDocuments.Batch(4, 1)));
        Assert.Equal(bytes.Length, new FileInfo(segment).Length);

        // Without the index (a store written before it), the open scans everything and refuses the write at once.
        File.Delete(Path.Combine(Root, "runs", run, "events", "events.idx"));
        await using IRuntimeStore unindexed = await OpenAnotherStoreAsync();
        error = await Assert.ThrowsAsync<StorageCorruptedException>(() => unindexed.Events.AppendAsync(run, 3, TestDocuments.Batch(4, 1)));
        Assert.Equal(second, error.Offset);
        Assert.Equal(bytes.Length, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task Whole_sectors_of_zeros_at_the_end_of_the_last_record_are_a_torn_append_and_are_trimmed()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 40, "a longer batch so that its record spans several sectors"));
        await Store.DisposeAsync();
        string segment = EventSegment(run);
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        long last = RecordOffsets(bytes)[1];
        long sector = (last / 512 + 2) * 512;
        Assert.True(sector < bytes.Length, "the test batch must span past two sector boundaries");
        Array.Clear(bytes, (int)sector, bytes.Length - (int)sector);
        await File.WriteAllBytesAsync(segment, bytes);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(2, await reopened.Events.GetLastSeqAsync(run));
        await reopened.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 1));
        Assert.Equal(new long[] { 1, 2, 3 }, (await reopened.Events.ReadAsync(run, 1, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Zeros_that_do_not_start_on_a_sector_boundary_are_damage_not_a_torn_append()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 40, "a longer batch so that its record spans several sectors"));
        await Store.DisposeAsync();
        string segment = EventSegment(run);
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        long last = RecordOffsets(bytes)[1];
        int from = (int)((last / 512 + 2) * 512) + 3;
        Array.Clear(bytes, from, bytes.Length - from);
        await File.WriteAllBytesAsync(segment, bytes);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Events.GetLastSeqAsync(run));
        Assert.Equal(bytes.Length, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task A_damaged_snapshot_record_before_the_latest_is_reported_and_the_snapshot_log_is_untouched()
    {
        string run = NewRunId();
        StoredSnapshot first = TestDocuments.Snapshot(run, null, 1, 10);
        StoredSnapshot second = TestDocuments.Snapshot(run, first.SnapshotId, 11, 20);
        await Store.Snapshots.AppendAsync(first, null);
        await Store.Snapshots.AppendAsync(second, first.SnapshotId);
        await Store.DisposeAsync();
        string segment = Path.Combine(Root, "runs", run, "snapshots", "snapshots-000001.seg");
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        bytes[30] ^= 0x20;
        await File.WriteAllBytesAsync(segment, bytes);

        // The latest snapshot is whole and a cold open reads only it; the history touches the damaged record.
        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(second.SnapshotId, (await reopened.Snapshots.GetLatestAsync(run))!.SnapshotId);
        var error = await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Snapshots.GetHistoryAsync(run));
        Assert.Equal(0, error.Offset);
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.Snapshots.AppendAsync(TestDocuments.Snapshot(run, second.SnapshotId, 21, 30), second.SnapshotId));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(segment));
    }

    [Fact]
    public async Task A_damaged_artifact_index_record_before_later_ones_is_reported_and_the_index_is_untouched()
    {
        string run = NewRunId();
        await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", "first"u8.ToArray());
        await Store.StoreArtifactAsync(run, 1, "b.txt", "text/plain", "second"u8.ToArray());
        await Store.DisposeAsync();
        string segment = Directory.GetFiles(Path.Combine(Root, "runs", run, "artifacts"), "*.seg").Single();
        byte[] bytes = await File.ReadAllBytesAsync(segment);
        bytes[12] ^= 0x08;
        await File.WriteAllBytesAsync(segment, bytes);

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        await Assert.ThrowsAsync<StorageCorruptedException>(() => reopened.StoreArtifactAsync(run, 2, "c.txt", "text/plain", "third"u8.ToArray()));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(segment));
    }

    private string EventSegment(string run) => Path.Combine(Root, "runs", run, "events", "events-000001.seg");

    /// <summary>The start offset of each record, walking the length fields of an undamaged segment.</summary>
    private static long[] RecordOffsets(byte[] segment)
    {
        var offsets = new System.Collections.Generic.List<long>();
        long position = 0;
        while (position < segment.Length)
        {
            offsets.Add(position);
            position += 8 + BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan((int)position));
        }

        return offsets.ToArray();
    }
}

/// <summary>Entries under the store's root that the store did not write are ignored, never fatal.</summary>
public sealed class FileSystemStrayEntryTests : StoreTestBase
{
    public FileSystemStrayEntryTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task A_stray_folder_that_is_not_a_run_id_does_not_break_artifact_lookups()
    {
        string run = NewRunId();
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", "hello"u8.ToArray());
        Directory.CreateDirectory(Path.Combine(Root, "runs", "Bad.Name", "artifacts"));
        Directory.CreateDirectory(Path.Combine(Root, "runs", "backup copy", "artifacts"));

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(stored.ArtifactId, (await reopened.Artifacts.GetAsync(stored.ArtifactId))!.ArtifactId);
        Assert.Single(await reopened.Artifacts.FindByHashAsync(stored.Hash));
        Assert.Null(await reopened.Artifacts.GetAsync(Guid.NewGuid()));
        await reopened.StoreArtifactAsync(NewRunId(), 1, "b.txt", "text/plain", "again"u8.ToArray());
    }
}
