using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>The content of an artifact registered before its bytes (the HTTP path), run against every backend.</summary>
public abstract class ArtifactContentTests : StoreTestBase
{
    protected ArtifactContentTests(StoreBackend backend)
        : base(backend)
    {
    }

    [Fact]
    public async Task Content_uploaded_after_its_row_is_stored_once_and_opens_verified_at_any_range()
    {
        var (artifact, content) = await RegisterAsync(200_000);

        var first = await Store.UploadArtifactContentAsync(artifact, new MemoryStream(content));
        var second = await Store.UploadArtifactContentAsync(artifact, new MemoryStream(content));
        await using var opened = await Store.OpenArtifactContentAsync(artifact);
        await using var window = opened.Slice(1000, 50);
        var read = new byte[60];
        var n = await window.ReadAtLeastAsync(read, 60, throwOnEndOfStream: false);

        Assert.Equal((ArtifactContentUpload.Stored, ArtifactContentUpload.AlreadyStored), (first, second));
        Assert.Equal(content, await Store.ReadArtifactAsync(artifact));
        Assert.Equal((50, 200_000L, 1000L), (n, window.TotalLength, window.RangeStart));
        Assert.Equal(content.AsSpan(1000, 50).ToArray(), read.AsSpan(0, n).ToArray());
        Assert.Empty(Directory.EnumerateFiles(ObjectsDirectory(artifact.RunId), ".tmp-*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task Bytes_that_are_not_the_registered_content_store_nothing(int sizeChange)
    {
        var (artifact, content) = await RegisterAsync(10_000);
        byte[] sent = sizeChange switch
        {
            0 => Flip(content),
            < 0 => content[..^1],
            _ => [.. content, 1],
        };

        var mismatch = await Assert.ThrowsAsync<ObjectContentMismatchException>(() => Store.UploadArtifactContentAsync(artifact, new MemoryStream(sent)));

        Assert.Equal(sizeChange != 0, mismatch.SizeDiffers);
        Assert.False(await Store.HasArtifactContentAsync(artifact));
        Assert.Empty(Directory.EnumerateFiles(ObjectsDirectory(artifact.RunId), "*", SearchOption.AllDirectories));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenArtifactContentAsync(artifact));
    }

    [Fact]
    public async Task Different_bytes_after_the_content_is_stored_are_a_conflict_and_the_stored_bytes_stay()
    {
        var (artifact, content) = await RegisterAsync(3000);
        await Store.UploadArtifactContentAsync(artifact, new MemoryStream(content));

        await Assert.ThrowsAsync<ArtifactContentConflictException>(() => Store.UploadArtifactContentAsync(artifact, new MemoryStream(Flip(content))));

        Assert.Equal(content, await Store.ReadArtifactAsync(artifact));
    }

    [Fact]
    public async Task A_flipped_byte_is_refused_when_the_content_is_opened()
    {
        var (artifact, content) = await RegisterAsync(4096);
        await Store.UploadArtifactContentAsync(artifact, new MemoryStream(content));
        string file = Path.Combine(Root, FileSystemObjectStore.GetObjectPath(artifact.RunId, artifact.Hash));
        await File.WriteAllBytesAsync(file, Flip(content));

        var tampered = await Assert.ThrowsAsync<ArtifactTamperedException>(() => Store.OpenArtifactContentAsync(artifact));

        Assert.Equal(artifact.Hash, tampered.ExpectedSha256);
    }

    private async Task<(ArtifactMetadata Artifact, byte[] Content)> RegisterAsync(int size)
    {
        byte[] content = RandomNumberGenerator.GetBytes(size);
        var artifact = new ArtifactMetadata(Guid.NewGuid(), NewRunId(), 1, "out/data.bin", Convert.ToHexStringLower(SHA256.HashData(content)),
            "application/octet-stream", size, TestDocuments.Epoch, "{}"u8.ToArray());
        await Store.Artifacts.RegisterAsync(artifact);
        return (artifact, content);
    }

    private string ObjectsDirectory(string runId)
    {
        string directory = Path.Combine(Root, "runs", runId, "objects");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static byte[] Flip(byte[] content)
    {
        byte[] copy = (byte[])content.Clone();
        copy[content.Length / 2] ^= 0xFF;
        return copy;
    }
}

public sealed class FileSystemArtifactContentTests : ArtifactContentTests
{
    public FileSystemArtifactContentTests()
        : base(StoreBackend.FileSystem)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresArtifactContentTests : ArtifactContentTests
{
    public PostgresArtifactContentTests(PostgresCluster cluster)
        : base(StoreBackend.Postgres(cluster))
    {
    }
}
