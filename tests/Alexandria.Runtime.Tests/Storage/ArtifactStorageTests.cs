using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>Artifact index + object store contract, run against every backend.</summary>
public abstract class ArtifactStorageTests : StoreTestBase
{
    protected ArtifactStorageTests(StoreBackend backend)
        : base(backend)
    {
    }

    [Fact]
    public async Task A_stored_artifact_lands_atomically_under_its_run_and_hash_and_is_indexed()
    {
        string run = NewRunId();
        byte[] content = RandomNumberGenerator.GetBytes(150_000);
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 4, "reports/summary.bin", "application/octet-stream", content, "{\"tool\":\"search\",\"n\":1}"u8.ToArray());

        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(sha, stored.Hash);
        Assert.Equal(content.Length, stored.SizeBytes);
        string objectFile = Path.Combine(Root, "runs", run, "objects", sha[..2], sha);
        Assert.Equal(content, await File.ReadAllBytesAsync(objectFile));
        Assert.Equal($"runs/{run}/objects/{sha[..2]}/{sha}", FileSystemObjectStore.GetObjectPath(run, sha));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "runs", run, "objects"), ".tmp-*", SearchOption.AllDirectories));

        ArtifactMetadata byId = (await Store.Artifacts.GetAsync(stored.ArtifactId))!;
        Assert.Equal(stored.Path, byId.Path);
        Assert.Equal(stored.CreatedAt, byId.CreatedAt);
        Assert.True(JsonElement.DeepEquals(Parse(stored.Metadata), Parse(byId.Metadata)));
        Assert.Equal(content, await Store.ReadArtifactAsync(byId));
    }

    [Fact]
    public async Task Artifacts_are_found_by_run_step_and_hash()
    {
        string run = NewRunId();
        string otherRun = NewRunId();
        byte[] shared = Encoding.UTF8.GetBytes("same bytes " + Guid.NewGuid());
        DateTimeOffset t = TestDocuments.Epoch;
        ArtifactMetadata a = await Store.StoreArtifactAsync(run, 1, "a.txt", "text/plain", shared, createdAt: t);
        ArtifactMetadata b = await Store.StoreArtifactAsync(run, 2, "b.txt", "text/plain", Encoding.UTF8.GetBytes("other"), createdAt: t.AddSeconds(1));
        ArtifactMetadata c = await Store.StoreArtifactAsync(run, 2, "c.txt", "text/plain", Encoding.UTF8.GetBytes("third"), createdAt: t.AddSeconds(2));
        ArtifactMetadata d = await Store.StoreArtifactAsync(otherRun, 9, "copy/a.txt", "text/plain", shared, createdAt: t.AddSeconds(3));

        Assert.Equal(new[] { a.ArtifactId, b.ArtifactId, c.ArtifactId }, (await Store.Artifacts.FindByRunAsync(run)).Select(x => x.ArtifactId));
        Assert.Equal(new[] { b.ArtifactId, c.ArtifactId }, (await Store.Artifacts.FindByRunAsync(run, 2)).Select(x => x.ArtifactId));
        Assert.Empty(await Store.Artifacts.FindByRunAsync(run, 7));
        Assert.Equal(new[] { a.ArtifactId, d.ArtifactId }, (await Store.Artifacts.FindByHashAsync(a.Hash)).Select(x => x.ArtifactId));
        Assert.Null(await Store.Artifacts.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_tampered_byte_on_disk_is_detected_on_read()
    {
        string run = NewRunId();
        byte[] content = RandomNumberGenerator.GetBytes(4096);
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 0, "data.bin", "application/octet-stream", content);
        string objectFile = Path.Combine(Root, FileSystemObjectStore.GetObjectPath(run, stored.Hash));
        byte[] onDisk = await File.ReadAllBytesAsync(objectFile);
        onDisk[1234] ^= 0x01;
        await File.WriteAllBytesAsync(objectFile, onDisk);

        var tampered = await Assert.ThrowsAsync<ArtifactTamperedException>(() => Store.ReadArtifactAsync(stored));
        Assert.Equal(stored.Hash, tampered.ExpectedSha256);
        Assert.NotEqual(stored.Hash, tampered.ActualSha256);
        await Assert.ThrowsAsync<ArtifactTamperedException>(() => Store.Objects.ReadAsync(run, stored.Hash));
    }

    [Fact]
    public async Task A_deleted_object_is_reported_as_missing()
    {
        string run = NewRunId();
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 0, "gone.bin", "application/octet-stream", new byte[] { 1, 2, 3 });
        File.Delete(Path.Combine(Root, FileSystemObjectStore.GetObjectPath(run, stored.Hash)));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.ReadArtifactAsync(stored));
    }

    [Fact]
    public async Task Streamed_and_buffered_puts_agree_on_the_address()
    {
        string run = NewRunId();
        byte[] content = RandomNumberGenerator.GetBytes(300_000);
        ObjectPointer buffered = await Store.Objects.PutAsync(run, content);
        ObjectPointer streamed = await Store.Objects.PutAsync(run, new MemoryStream(content));
        Assert.Equal(buffered, streamed);
        Assert.Equal(content, await Store.Objects.ReadAsync(run, streamed.Sha256));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "runs", run, "objects"), ".tmp-*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("reports/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/windows/win.ini")]
    [InlineData("reports\\summary.txt")]
    [InlineData("reports/sum\0mary.txt")]
    [InlineData("")]
    public async Task Unsafe_artifact_paths_are_rejected_and_nothing_is_stored(string path)
    {
        string run = NewRunId();
        var error = await Assert.ThrowsAsync<InvalidStoragePathException>(
            () => Store.StoreArtifactAsync(run, 0, path, "text/plain", new byte[] { 1 }));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(Directory.Exists(Path.Combine(Root, "runs", run)));
        Assert.Empty(await Store.Artifacts.FindByRunAsync(run));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/tmp")]
    [InlineData("a\\..\\b")]
    [InlineData("nul\0byte")]
    public async Task Unsafe_run_ids_are_rejected_by_the_object_store_and_the_index(string runId)
    {
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Objects.PutAsync(runId, new byte[] { 1 }));
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Objects.ReadAsync(runId, new string('a', 64)));
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Artifacts.FindByRunAsync(runId));
        var artifact = new ArtifactMetadata(Guid.NewGuid(), runId, 0, "a.txt", new string('a', 64), "text/plain", 1, TestDocuments.Epoch, "{}"u8.ToArray());
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Artifacts.RegisterAsync(artifact));
    }

    [Fact]
    public async Task A_hash_that_is_not_lowercase_hex_sha256_cannot_address_an_object()
    {
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Objects.ReadAsync(NewRunId(), "../../../../etc/passwd"));
        await Assert.ThrowsAsync<InvalidStoragePathException>(() => Store.Objects.ReadAsync(NewRunId(), new string('A', 64)));
    }

    [Fact]
    public async Task An_artifact_id_cannot_be_registered_twice()
    {
        string run = NewRunId();
        ArtifactMetadata stored = await Store.StoreArtifactAsync(run, 0, "x.txt", "text/plain", new byte[] { 42 });
        await Assert.ThrowsAsync<ArtifactAlreadyRegisteredException>(() => Store.Artifacts.RegisterAsync(stored with { Path = "y.txt" }));
        Assert.Single(await Store.Artifacts.FindByRunAsync(run));
    }

    [Fact]
    public async Task Metadata_over_the_inline_limit_is_rejected()
    {
        byte[] metadata = Encoding.UTF8.GetBytes($"{{\"blob\":\"{new string('z', RuntimeStoreOptions.DefaultInlinePayloadLimitBytes)}\"}}");
        string run = NewRunId();
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StoreArtifactAsync(run, 0, "m.txt", "text/plain", new byte[] { 1 }, metadata));
        Assert.Empty(await Store.Artifacts.FindByRunAsync(run));
    }

    [Theory]
    [InlineData("""{"source": "a\u0000b"}""", "/source")]
    [InlineData("""{"list": ["ok", {"k\u0000": 1}]}""", "/list/1/k\u0000")]
    public async Task Metadata_holding_a_nul_character_is_refused_the_same_way_by_every_backend(string json, string pointer)
    {
        string run = NewRunId();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Store.StoreArtifactAsync(run, 0, "m.txt", "text/plain", new byte[] { 1 }, Encoding.UTF8.GetBytes(json)));

        Assert.Contains($"U+0000 at '{pointer}'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.Artifacts.FindByRunAsync(run));
    }

    [Fact]
    public async Task Metadata_with_an_escaped_character_other_than_nul_round_trips_on_every_backend()
    {
        ArtifactMetadata stored = await Store.StoreArtifactAsync(NewRunId(), 0, "m.txt", "text/plain", new byte[] { 1 }, """{"tab": "a\tb", "bell": "\u0007"}"""u8.ToArray());

        Assert.True(JsonElement.DeepEquals(Parse(stored.Metadata), Parse((await Store.Artifacts.GetAsync(stored.ArtifactId))!.Metadata)));
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task The_same_artifact_id_registered_by_two_runs_at_once_from_two_processes_wins_exactly_once()
    {
        await using IRuntimeStore other = await OpenAnotherStoreAsync();
        for (int round = 0; round < 30; round++)
        {
            Guid id = Guid.NewGuid();
            string firstRun = NewRunId(), secondRun = NewRunId();
            Task<ArtifactMetadata> first = Task.Run(() => Store.StoreArtifactAsync(firstRun, 1, "a.txt", "text/plain", "first"u8.ToArray(), artifactId: id));
            Task<ArtifactMetadata> second = Task.Run(() => other.StoreArtifactAsync(secondRun, 1, "b.txt", "text/plain", "second"u8.ToArray(), artifactId: id));
            Task<ArtifactMetadata>[] both = [first, second];
            try
            {
                await Task.WhenAll(both);
            }
            catch (ArtifactAlreadyRegisteredException)
            {
            }

            Assert.Equal(1, both.Count(t => t.IsCompletedSuccessfully));
            Assert.IsType<ArtifactAlreadyRegisteredException>(both.Single(t => t.IsFaulted).Exception!.InnerException);
            ArtifactMetadata winner = await both.Single(t => t.IsCompletedSuccessfully);
            ArtifactMetadata? found = await Store.Artifacts.GetAsync(id);
            Assert.Equal(winner.RunId, found!.RunId);
            Assert.Equal(winner.SizeBytes, (await Store.ReadArtifactAsync(found)).LongLength);
        }
    }
}

public sealed class FileSystemArtifactStorageTests : ArtifactStorageTests
{
    public FileSystemArtifactStorageTests()
        : base(StoreBackend.FileSystem)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresArtifactStorageTests : ArtifactStorageTests
{
    public PostgresArtifactStorageTests(PostgresCluster cluster)
        : base(StoreBackend.Postgres(cluster))
    {
    }
}
