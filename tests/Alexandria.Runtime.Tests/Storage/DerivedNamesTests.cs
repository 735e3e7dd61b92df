using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// Ids and artifact paths derived from names are part of what a store holds: a resumed run looks its artifacts up by
/// them, and a replay reproduces snapshots by them. They are computed without intermediate strings now; these tests
/// pin them to the plain definition (concatenate, UTF-8, SHA-256), so a run recorded before still resolves.
/// </summary>
public sealed class DerivedNamesTests : StoreTestBase
{
    public DerivedNamesTests()
        : base(StoreBackend.FileSystem)
    {
    }

    public static TheoryData<string, string> Names => new()
    {
        { "run-1", "evidence/0123.txt" },
        { "r", "results/ab-cd" },
        { "run-" + new string('x', 240), "p/" + new string('é', 300) },
        { "run-unicode", "доказательство/漢字/🙂.txt" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Artifact_event_and_snapshot_ids_are_the_sha256_of_namespace_and_name(string runId, string path)
    {
        Assert.Equal(Reference(NameBasedUuid.ArtifactNamespace, runId + "\n" + path), NameBasedUuid.ForArtifact(runId, path));
        foreach (long seq in new long[] { 0, 1, 42, long.MaxValue })
        {
            string number = seq.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(Reference(NameBasedUuid.EventNamespace, runId + "\n" + number), NameBasedUuid.ForEvent(runId, seq));
            Assert.Equal(Reference(NameBasedUuid.SnapshotNamespace, runId + "\n" + number), NameBasedUuid.ForSnapshot(runId, seq));
        }

        Assert.Equal(Reference(NameBasedUuid.ArtifactNamespace, path), NameBasedUuid.Create(NameBasedUuid.ArtifactNamespace, path));
    }

    [Theory]
    [InlineData("doc-1", "chunk-1", "plain text")]
    [InlineData("guide/compaction.md", "3", "Compaction fires at 8 events — «ü» 漢字 🙂")]
    [InlineData("big", "0", null)]
    public async Task An_evidence_chunk_keeps_its_path_id_and_bytes(string evidenceId, string chunkId, string? text)
    {
        text ??= string.Concat(Enumerable.Repeat("long chunk ü 漢 ", 20_000));
        string run = NewRunId();
        var recorder = new ArtifactRecorder(Store.Artifacts, Store.Objects);
        ArtifactMetadata recorded = await recorder.RecordEvidenceChunkAsync(run, 3, evidenceId, chunkId, text, DateTimeOffset.UnixEpoch);

        string path = "evidence/" + Hex(Encoding.UTF8.GetBytes(evidenceId + "\n" + chunkId))[..32] + ".txt";
        Assert.Equal(path, recorded.Path);
        Assert.Equal(Reference(NameBasedUuid.ArtifactNamespace, run + "\n" + path), recorded.ArtifactId);
        Assert.Equal(Hex(Encoding.UTF8.GetBytes(text)), recorded.Hash);
        Assert.Equal(Encoding.UTF8.GetBytes(text), await Store.ReadArtifactAsync(recorded));
    }

    [Fact]
    public async Task A_tool_result_keeps_its_path_and_bytes()
    {
        string run = NewRunId();
        var recorder = new ArtifactRecorder(Store.Artifacts, Store.Objects);
        byte[] content = Encoding.UTF8.GetBytes("{\"items\":[\"é\"]}");
        var pointer = await recorder.RecordToolResultAsync(run, 2, "call-7", content, "application/json", DateTimeOffset.UnixEpoch);

        string sha = Hex(content);
        ArtifactMetadata row = Assert.Single(await Store.Artifacts.FindByRunAsync(run));
        Assert.Equal("results/" + Hex(Encoding.UTF8.GetBytes("call-7"))[..16] + "-" + sha[..16], row.Path);
        Assert.Equal(sha, pointer.Sha256);
        Assert.Equal(content, await Store.ReadArtifactAsync(row));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>RFC 9562 version 8 from SHA-256 of namespace + UTF-8 name: the definition, written out plainly.</summary>
    private static Guid Reference(Guid namespaceId, string name)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        byte[] hash = SHA256.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
