using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.FileSystem;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>The doctor finds every kind of damage by file and offset, changes nothing by itself, and quarantines by moving.</summary>
public sealed class StoreDoctorTests : StoreTestBase
{
    public StoreDoctorTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task A_healthy_store_has_no_findings()
    {
        string run = NewRunId();
        await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 3));
        await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", "hello"u8.ToArray());
        await Store.DisposeAsync();

        Assert.Empty(StoreDoctor.Check(Root));
    }

    [Fact]
    public async Task Corruption_tampering_torn_tails_and_strays_are_each_reported_where_they_are_and_nothing_changes()
    {
        string corrupt = NewRunId(), tampered = NewRunId(), torn = NewRunId();
        foreach (string run in new[] { corrupt, tampered, torn })
        {
            await Store.Events.AppendAsync(run, 0, TestDocuments.Batch(1, 2));
            await Store.Events.AppendAsync(run, 2, TestDocuments.Batch(3, 2));
        }

        var artifact = await Store.StoreArtifactAsync(tampered, 1, "a.txt", "text/plain", "original"u8.ToArray());
        await Store.DisposeAsync();

        string corruptSegment = Segment(corrupt);
        byte[] bytes = await File.ReadAllBytesAsync(corruptSegment);
        bytes[12] ^= 0x01;
        await File.WriteAllBytesAsync(corruptSegment, bytes);
        string objectFile = Path.Combine(Root, FileSystemObjectStore.GetObjectPath(tampered, artifact.Hash));
        await File.WriteAllTextAsync(objectFile, "changed!");
        await using (var stream = new FileStream(Segment(torn), FileMode.Append))
        {
            await stream.WriteAsync(new byte[] { 0x40, 0, 0, 0, 1, 2 });
        }

        Directory.CreateDirectory(Path.Combine(Root, "runs", "Bad.Name", "artifacts"));
        long tornLength = new FileInfo(Segment(torn)).Length;

        var findings = StoreDoctor.Check(Root);

        var corruption = Assert.Single(findings, f => f.Kind == StoreFindingKind.Corruption);
        Assert.Equal((corrupt, corruptSegment, 0L), (corruption.RunId, corruption.Path, corruption.Offset!.Value));
        var tamper = Assert.Single(findings, f => f.Kind == StoreFindingKind.Tampered);
        Assert.Equal((tampered, objectFile), (tamper.RunId, tamper.Path));
        var tornTail = Assert.Single(findings, f => f.Kind == StoreFindingKind.TornTail);
        Assert.Equal(torn, tornTail.RunId);
        Assert.Single(findings, f => f.Kind == StoreFindingKind.Stray && f.Path.EndsWith("Bad.Name", StringComparison.Ordinal));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(corruptSegment));
        Assert.Equal(tornLength, new FileInfo(Segment(torn)).Length);
    }

    [Fact]
    public async Task Quarantine_moves_only_damaged_runs_aside_with_every_byte_and_the_rest_of_the_store_keeps_working()
    {
        string damaged = NewRunId(), healthy = NewRunId();
        await Store.Events.AppendAsync(damaged, 0, TestDocuments.Batch(1, 2));
        await Store.Events.AppendAsync(damaged, 2, TestDocuments.Batch(3, 2));
        await Store.Events.AppendAsync(healthy, 0, TestDocuments.Batch(1, 2));
        await Store.DisposeAsync();
        byte[] bytes = await File.ReadAllBytesAsync(Segment(damaged));
        bytes[12] ^= 0x01;
        await File.WriteAllBytesAsync(Segment(damaged), bytes);

        var moved = StoreDoctor.Quarantine(Root, StoreDoctor.Check(Root), new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

        var (runId, target) = Assert.Single(moved);
        Assert.Equal(damaged, runId);
        Assert.Equal(Path.Combine(Root, "quarantine", damaged + "-20261204T100000Z"), target);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(target, "events", "events-000001.seg")));
        Assert.Contains("Corruption", await File.ReadAllTextAsync(Path.Combine(target, "QUARANTINED.txt")), StringComparison.Ordinal);
        Assert.Empty(StoreDoctor.Check(Root));

        await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
        Assert.Equal(2, await reopened.Events.GetLastSeqAsync(healthy));
        Assert.Equal(0, await reopened.Events.GetLastSeqAsync(damaged));
    }

    private string Segment(string run) => Path.Combine(Root, "runs", run, "events", "events-000001.seg");
}
