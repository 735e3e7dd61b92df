using System;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// The recorder looks an artifact up and registers it under one hold of the embedded index's store-wide lock. What a
/// caller relies on must not change: a second recording of the same thing returns the first row (also when another
/// store on the same root wrote it), different text under the same chunk is refused, and a plain registration of an id
/// that exists still throws.
/// </summary>
public sealed class ArtifactRegistrationOnceTests : StoreTestBase
{
    public ArtifactRegistrationOnceTests()
        : base(StoreBackend.FileSystem)
    {
    }

    [Fact]
    public async Task Recording_a_chunk_again_from_another_store_returns_the_first_row_and_writes_no_second()
    {
        string run = NewRunId();
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        var first = new ArtifactRecorder(Store.Artifacts, Store.Objects);
        var second = new ArtifactRecorder(other.Artifacts, other.Objects);

        ArtifactMetadata recorded = await first.RecordEvidenceChunkAsync(run, 1, "doc", "c1", "text", DateTimeOffset.UnixEpoch);
        ArtifactMetadata again = await second.RecordEvidenceChunkAsync(run, 2, "doc", "c1", "text", DateTimeOffset.UnixEpoch.AddDays(1));

        // The first row (its step and time), not the second call's.
        Assert.Equal((recorded.ArtifactId, recorded.Hash, 1L, DateTimeOffset.UnixEpoch), (again.ArtifactId, again.Hash, again.StepId, again.CreatedAt));
        Assert.Single(await other.Artifacts.FindByRunAsync(run));
        Assert.Single(await Store.Artifacts.FindByRunAsync(run));
    }

    [Fact]
    public async Task Different_text_under_a_chunk_another_store_recorded_is_refused()
    {
        string run = NewRunId();
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        await new ArtifactRecorder(other.Artifacts, other.Objects).RecordEvidenceChunkAsync(run, 1, "doc", "c1", "one", DateTimeOffset.UnixEpoch);

        var recorder = new ArtifactRecorder(Store.Artifacts, Store.Objects);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordEvidenceChunkAsync(run, 1, "doc", "c1", "two", DateTimeOffset.UnixEpoch));
        Assert.Equal("one"u8.ToArray(), await Store.ReadArtifactAsync(Assert.Single(await Store.Artifacts.FindByRunAsync(run))));
    }

    [Fact]
    public async Task Registering_an_existing_id_still_throws_and_leaves_one_row()
    {
        string run = NewRunId();
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", "one"u8.ToArray());
        await using IRuntimeStore other = await OpenAnotherStoreAsync();

        await Assert.ThrowsAsync<ArtifactAlreadyRegisteredException>(() => other.Artifacts.RegisterAsync(stored with { StepId = 9 }));
        await Assert.ThrowsAsync<ArtifactAlreadyRegisteredException>(() => Store.Artifacts.RegisterAsync(stored));
        ArtifactMetadata row = Assert.Single(await Store.Artifacts.FindByRunAsync(run));
        Assert.Equal((stored.ArtifactId, 1L), (row.ArtifactId, row.StepId));
    }

    [Fact]
    public async Task Tool_results_recorded_in_turn_by_two_stores_are_each_registered_once()
    {
        string run = NewRunId();
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        ArtifactRecorder[] recorders = [new(Store.Artifacts, Store.Objects), new(other.Artifacts, other.Objects)];
        for (int i = 0; i < 10; i++)
        {
            // Each call id twice, once through each store: the second sees the first's row through the shared generation.
            byte[] content = System.Text.Encoding.UTF8.GetBytes("{\"n\":" + i + "}");
            await recorders[i % 2].RecordToolResultAsync(run, i, "call-" + i, content, "application/json", DateTimeOffset.UnixEpoch);
            await recorders[(i + 1) % 2].RecordToolResultAsync(run, i, "call-" + i, content, "application/json", DateTimeOffset.UnixEpoch);
        }

        Assert.Equal(10, (await Store.Artifacts.FindByRunAsync(run)).Count);
        Assert.Equal(10, (await other.Artifacts.FindByRunAsync(run)).Select(a => a.ArtifactId).Distinct().Count());
    }
}
