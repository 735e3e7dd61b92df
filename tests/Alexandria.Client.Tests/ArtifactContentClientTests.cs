using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.Contracts;
using Npgsql;

namespace Alexandria.Client.Tests;

/// <summary>
/// Artifact bytes through the generated client against the real server on PostgreSQL: the row lives in the
/// <c>artifacts</c> table, the bytes in the object store; the client streams them in and reads them back as a stream.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class ArtifactContentClientTests(PostgresServer server)
{
    private readonly AlexandriaClient _client = server.Client;

    [Fact]
    public async Task The_client_streams_content_in_and_reads_it_back_equal_while_postgres_holds_only_the_row()
    {
        var (runId, record, bytes) = await RegisteredAsync("content", 300_000);

        using var upload = new MemoryStream(bytes);
        var stored = await _client.UploadArtifactContentAsync(runId, record.ArtifactId, upload);
        using var again = new MemoryStream(bytes);
        var repeated = await _client.UploadArtifactContentAsync(runId, record.ArtifactId, again);
        using var download = await _client.GetArtifactContentAsync(runId, record.ArtifactId);
        using var copy = new MemoryStream();
        await download.Stream.CopyToAsync(copy);

        Assert.Equal(record, stored);
        Assert.Equal(record, repeated);
        Assert.Equal(200, download.StatusCode);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(1L, (long)await ScalarAsync("SELECT count(*) FROM artifacts WHERE run_id = @run", runId));
        Assert.Equal(record.Hash, (string)await ScalarAsync("SELECT hash FROM artifacts WHERE run_id = @run", runId));
    }

    [Fact]
    public async Task A_range_through_the_client_is_a_partial_file_response_of_exactly_those_bytes()
    {
        var (runId, record, bytes) = await UploadedAsync("range", 5000);

        using var partial = await _client.GetArtifactContentAsync(runId, record.ArtifactId, "bytes=1000-1999");
        using var copy = new MemoryStream();
        await partial.Stream.CopyToAsync(copy);

        Assert.Equal(206, partial.StatusCode);
        Assert.True(partial.IsPartial);
        Assert.Equal(bytes.AsSpan(1000, 1000).ToArray(), copy.ToArray());
        Assert.Equal("bytes 1000-1999/5000", partial.Headers["Content-Range"].Single());
    }

    [Fact]
    public async Task Wrong_bytes_unsatisfiable_ranges_and_missing_content_are_typed_problems_through_the_client()
    {
        var (runId, record, bytes) = await RegisteredAsync("problems", 64 * 1024);
        bytes[0] ^= 0xFF;

        using var wrong = new MemoryStream(bytes);
        var mismatch = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.UploadArtifactContentAsync(runId, record.ArtifactId, wrong));
        var missing = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.GetArtifactContentAsync(runId, record.ArtifactId));
        bytes[0] ^= 0xFF;
        using var right = new MemoryStream(bytes);
        await _client.UploadArtifactContentAsync(runId, record.ArtifactId, right);
        var beyond = await Assert.ThrowsAsync<AlexandriaApiException<ProblemDetails>>(() => _client.GetArtifactContentAsync(runId, record.ArtifactId, "bytes=65536-"));

        Assert.Equal(422, mismatch.StatusCode);
        Assert.Equal("hash", mismatch.Result.Errors!.Single().Keyword);
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains(missing.Result.Errors!, e => e.Pointer == "/artifactId");
        Assert.Equal(416, beyond.StatusCode);
        Assert.Contains(beyond.Result.Errors!, e => e.Pointer == "/Range");
    }

    private async Task<(string RunId, ArtifactRecord Record, byte[] Bytes)> RegisteredAsync(string hint, int size)
    {
        var runId = Examples.NewRunId(hint);
        await _client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Keep the bytes." });
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var record = Examples.Read<ArtifactRecord>("artifact_record.valid.1.json") with
        {
            ArtifactId = Guid.NewGuid(),
            RunId = runId,
            Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            SizeBytes = size,
            MimeType = "application/octet-stream",
        };
        await _client.RegisterArtifactAsync(runId, record);
        return (runId, record, bytes);
    }

    private async Task<(string RunId, ArtifactRecord Record, byte[] Bytes)> UploadedAsync(string hint, int size)
    {
        var registered = await RegisteredAsync(hint, size);
        using var upload = new MemoryStream(registered.Bytes);
        await _client.UploadArtifactContentAsync(registered.RunId, registered.Record.ArtifactId, upload);
        return registered;
    }

    private async Task<object> ScalarAsync(string sql, string runId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("run", runId);
        return (await command.ExecuteScalarAsync())!;
    }
}
