using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;

namespace Alexandria.Client.Tests;

/// <summary>
/// Every response every operation of <c>openapi.json</c> declares is provoked on the real server, and the
/// answer must carry the declared status and media type and validate against the declared schema.
/// The cases come from the contract: a new operation or status fails here until it has a probe.
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class ResponseConformanceTests(PostgresServer server)
{
    private static readonly SemaphoreSlim WorldLock = new(1, 1);
    private static World? s_world;

    public static TheoryData<DeclaredResponse> DeclaredResponses() => new(OpenApiContract.Responses);

    [Theory]
    [MemberData(nameof(DeclaredResponses))]
    public async Task Every_declared_response_is_served_as_declared(DeclaredResponse declared)
    {
        var world = await WorldAsync();
        Assert.True(Probes.TryGetValue((declared.OperationId, declared.Status), out var probe),
            $"No probe provokes {declared.OperationId} {declared.Status}; add one to {nameof(Probes)}.");

        using var response = await probe!(server.Http, world);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(body);

        Assert.True(declared.Status == (int)response.StatusCode, $"{declared}: got {(int)response.StatusCode}: {text}");
        Assert.Equal(declared.MediaType, response.Content.Headers.ContentType?.MediaType);
        if (declared.Definition == DeclaredResponse.Binary)
        {
            Assert.Equal(response.Content.Headers.ContentLength, body.Length);
            Assert.True(body.Length > 0, $"{declared}: no bytes");
            return;
        }
        using var document = JsonDocument.Parse(body);
        Assert.True(OutputSchemaValidators.TryValidate(declared.Definition, document.RootElement, out var validation), $"unknown definition {declared.Definition}");
        Assert.True(validation.IsValid, $"{declared}: the body fails #/$defs/{declared.Definition}: "
            + string.Join("; ", validation.Errors.Select(e => $"{e.InstancePointer} {e.Keyword}: {e.Message}")) + "\n" + text);
    }

    [Fact]
    public void Every_operation_of_the_contract_is_probed()
    {
        var unprobed = OpenApiContract.Responses.Where(r => !Probes.ContainsKey((r.OperationId, r.Status))).Select(r => r.ToString()).ToList();
        var stale = Probes.Keys.Where(k => !OpenApiContract.Responses.Any(r => (r.OperationId, r.Status) == k)).ToList();

        Assert.Empty(unprobed);
        Assert.Empty(stale);
        Assert.Equal(16, OpenApiContract.OperationIds.Count());
    }

    /// <summary>What the probes need to exist first: a run with events and a snapshot, an artifact, a handoff, packets.</summary>
    private sealed record World(string RunId, long LastSeq, Guid SnapshotId, ArtifactRecord Artifact, HandoffPacket Handoff, Guid FreshPacketId, Guid StalePacketId,
        string StoreDirectory, ArtifactRecord Uploaded, byte[] UploadedBytes, ArtifactRecord Pending);

    private async Task<World> WorldAsync()
    {
        await WorldLock.WaitAsync();
        try
        {
            return s_world ??= await CreateWorldAsync(server.Client, server.StoreDirectory);
        }
        finally
        {
            WorldLock.Release();
        }
    }

    private static async Task<World> CreateWorldAsync(AlexandriaClient client, string storeDirectory)
    {
        var runId = Examples.NewRunId("conformance");
        await client.CreateRunAsync(new CreateRunRequest { RunId = runId, Objective = "Probe every response." });
        await client.AppendEventsAsync(runId, new AppendEventsRequest { ExpectedSeq = 0, Events = Examples.StepEvents(runId, 1, 18) });
        var snapshot = await client.CompactRunAsync(runId, new CompactRunRequest { Trigger = CompactionTrigger.Manual });
        var artifact = Examples.Read<ArtifactRecord>("artifact_record.valid.1.json") with { ArtifactId = Guid.NewGuid(), RunId = runId };
        await client.RegisterArtifactAsync(runId, artifact);
        var handoff = (HandoffPacket)Examples.Read<Packet>("handoff_packet.valid.1.json") with { PacketId = Guid.NewGuid(), RunId = runId, CreatedAt = DateTimeOffset.UtcNow };
        await client.CreateHandoffAsync(runId, handoff);
        var fresh = Examples.Read<Packet>("context_request_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow };
        await client.SubmitPacketAsync(fresh);
        var stale = Examples.Read<Packet>("context_request_packet.valid.1.json") with { PacketId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow.AddDays(-30), TtlHours = 1 };
        await client.SubmitPacketAsync(stale);
        var (uploaded, uploadedBytes) = await RegisterContentAsync(client, artifact, 4096);
        using (var bytes = new System.IO.MemoryStream(uploadedBytes))
        {
            await client.UploadArtifactContentAsync(runId, uploaded.ArtifactId, bytes);
        }
        var (pending, _) = await RegisterContentAsync(client, artifact, 100);
        var lastSeq = (await client.GetRunAsync(runId)).LastSeq;
        return new World(runId, lastSeq, snapshot.SnapshotId, artifact, handoff, fresh.PacketId, stale.PacketId, storeDirectory, uploaded, uploadedBytes, pending);
    }

    private delegate Task<HttpResponseMessage> Probe(HttpClient http, World world);

    private const string BadRunId = "runs/BAD!";
    private const string Malformed = "{\"objective\": ";

    private static string Unknown => Examples.NewRunId("missing");

    private static Task<HttpResponseMessage> OnUnknownRun(Func<string, Task<HttpResponseMessage>> probe) => probe(Unknown);

    private static readonly Dictionary<(string, int), Probe> Probes = new()
    {
        [("createRun", 201)] = (h, w) => Post(h, "runs", new JsonObject { ["objective"] = "Probe." }),
        [("createRun", 400)] = (h, w) => PostRaw(h, "runs", Malformed),
        [("createRun", 409)] = (h, w) => Post(h, "runs", new JsonObject { ["run_id"] = w.RunId, ["objective"] = "Again." }),
        [("createRun", 422)] = (h, w) => Post(h, "runs", new JsonObject { ["objective"] = "" }),

        [("getRun", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}"),
        [("getRun", 400)] = (h, w) => h.GetAsync(BadRunId),
        [("getRun", 404)] = (h, w) => h.GetAsync($"runs/{Unknown}"),

        [("appendEvents", 200)] = (h, w) => AppendToNewRunAsync(h),
        [("appendEvents", 400)] = (h, w) => PostRaw(h, $"runs/{w.RunId}/events", Malformed),
        [("appendEvents", 404)] = (h, w) => OnUnknownRun(run => Post(h, $"runs/{run}/events", Events(run, 0, 1))),
        [("appendEvents", 409)] = (h, w) => Post(h, $"runs/{w.RunId}/events", Events(w.RunId, 0, 1)),
        [("appendEvents", 422)] = (h, w) => Post(h, $"runs/{w.RunId}/events", new JsonObject { ["expected_seq"] = -1, ["events"] = new JsonArray() }),

        [("readEvents", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/events?from_seq=2&limit=5"),
        [("readEvents", 400)] = (h, w) => h.GetAsync($"runs/{w.RunId}/events?limit=0"),
        [("readEvents", 404)] = (h, w) => h.GetAsync($"runs/{Unknown}/events"),

        [("getSnapshotHistory", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/snapshots"),
        [("getSnapshotHistory", 400)] = (h, w) => h.GetAsync(BadRunId + "/snapshots"),
        [("getSnapshotHistory", 404)] = (h, w) => h.GetAsync($"runs/{Unknown}/snapshots"),

        [("getLatestSnapshot", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/snapshots/latest"),
        [("getLatestSnapshot", 400)] = (h, w) => h.GetAsync(BadRunId + "/snapshots/latest"),
        [("getLatestSnapshot", 404)] = (h, w) => h.GetAsync($"runs/{Unknown}/snapshots/latest"),

        [("getSnapshot", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/snapshots/{w.SnapshotId}"),
        [("getSnapshot", 400)] = (h, w) => h.GetAsync($"runs/{w.RunId}/snapshots/not-a-uuid"),
        [("getSnapshot", 404)] = (h, w) => h.GetAsync($"runs/{w.RunId}/snapshots/{Guid.NewGuid()}"),

        [("compactRun", 201)] = (h, w) => CompactNewRunAsync(h),
        [("compactRun", 400)] = (h, w) => PostRaw(h, $"runs/{w.RunId}/compactions", Malformed),
        [("compactRun", 404)] = (h, w) => Post(h, $"runs/{Unknown}/compactions", new JsonObject { ["trigger"] = "manual" }),
        [("compactRun", 409)] = (h, w) => Post(h, $"runs/{w.RunId}/compactions", new JsonObject { ["trigger"] = "manual", ["expected_seq"] = 1 }),
        [("compactRun", 422)] = (h, w) => Post(h, $"runs/{w.RunId}/compactions", new JsonObject { ["trigger"] = "whenever" }),

        [("registerArtifact", 201)] = (h, w) => Post(h, $"runs/{w.RunId}/artifacts", Node(w.Artifact with { ArtifactId = Guid.NewGuid() })),
        [("registerArtifact", 400)] = (h, w) => PostRaw(h, $"runs/{w.RunId}/artifacts", Malformed),
        [("registerArtifact", 404)] = (h, w) => OnUnknownRun(run => Post(h, $"runs/{run}/artifacts", Node(w.Artifact with { RunId = run }))),
        [("registerArtifact", 409)] = (h, w) => Post(h, $"runs/{w.RunId}/artifacts", Node(w.Artifact)),
        [("registerArtifact", 422)] = (h, w) => Post(h, $"runs/{w.RunId}/artifacts", Node(w.Artifact, a => a["hash"] = "not-a-sha256")),

        [("getArtifact", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/artifacts/{w.Artifact.ArtifactId}"),
        [("getArtifact", 400)] = (h, w) => h.GetAsync($"runs/{w.RunId}/artifacts/42"),
        [("getArtifact", 404)] = (h, w) => h.GetAsync($"runs/{w.RunId}/artifacts/{Guid.NewGuid()}"),

        [("uploadArtifactContent", 200)] = (h, w) => Put(h, ContentPath(w.RunId, w.Uploaded.ArtifactId), w.UploadedBytes),
        [("uploadArtifactContent", 201)] = (h, w) => UploadNewAsync(h, w),
        [("uploadArtifactContent", 400)] = (h, w) => Put(h, BadRunId + $"/artifacts/{w.Uploaded.ArtifactId}/content", w.UploadedBytes),
        [("uploadArtifactContent", 404)] = (h, w) => Put(h, ContentPath(w.RunId, Guid.NewGuid()), w.UploadedBytes),
        [("uploadArtifactContent", 409)] = (h, w) => Put(h, ContentPath(w.RunId, w.Uploaded.ArtifactId), new byte[w.UploadedBytes.Length]),
        [("uploadArtifactContent", 413)] = (h, w) => UploadOverMaximumAsync(h, w),
        [("uploadArtifactContent", 415)] = (h, w) => Put(h, ContentPath(w.RunId, w.Pending.ArtifactId), new byte[100], "text/plain"),
        [("uploadArtifactContent", 422)] = (h, w) => Put(h, ContentPath(w.RunId, w.Pending.ArtifactId), new byte[100]),

        [("getArtifactContent", 200)] = (h, w) => h.GetAsync(ContentPath(w.RunId, w.Uploaded.ArtifactId)),
        [("getArtifactContent", 206)] = (h, w) => GetRange(h, ContentPath(w.RunId, w.Uploaded.ArtifactId), "bytes=100-199"),
        [("getArtifactContent", 400)] = (h, w) => h.GetAsync($"runs/{w.RunId}/artifacts/42/content"),
        [("getArtifactContent", 404)] = (h, w) => h.GetAsync(ContentPath(w.RunId, w.Pending.ArtifactId)),
        [("getArtifactContent", 416)] = (h, w) => GetRange(h, ContentPath(w.RunId, w.Uploaded.ArtifactId), "bytes=4096-"),
        [("getArtifactContent", 500)] = (h, w) => DownloadDamagedAsync(h, w),

        [("createHandoff", 201)] = (h, w) => Post(h, $"runs/{w.RunId}/handoffs", Node<Packet>(w.Handoff with { PacketId = Guid.NewGuid() })),
        [("createHandoff", 400)] = (h, w) => PostRaw(h, $"runs/{w.RunId}/handoffs", Malformed),
        [("createHandoff", 404)] = (h, w) => OnUnknownRun(run => Post(h, $"runs/{run}/handoffs", Node<Packet>(w.Handoff with { RunId = run }))),
        [("createHandoff", 409)] = (h, w) => Post(h, $"runs/{w.RunId}/handoffs", Node<Packet>(w.Handoff)),
        [("createHandoff", 422)] = (h, w) => Post(h, $"runs/{w.RunId}/handoffs", Node<Packet>(w.Handoff, p => p["to_role"] = "auditor")),

        [("listHandoffs", 200)] = (h, w) => h.GetAsync($"runs/{w.RunId}/handoffs"),
        [("listHandoffs", 400)] = (h, w) => h.GetAsync(BadRunId + "/handoffs"),
        [("listHandoffs", 404)] = (h, w) => h.GetAsync($"runs/{Unknown}/handoffs"),

        [("submitPacket", 202)] = (h, w) => Post(h, "packets", Node(Examples.Read<Packet>("context_response_packet.valid.1.json") with { PacketId = Guid.NewGuid() })),
        [("submitPacket", 400)] = (h, w) => PostRaw(h, "packets", Malformed),
        [("submitPacket", 409)] = (h, w) => Post(h, "packets", Node(Examples.Read<Packet>("context_request_packet.valid.1.json") with { PacketId = w.FreshPacketId })),
        [("submitPacket", 422)] = (h, w) => Post(h, "packets", new JsonObject { ["packet_type"] = "GOSSIP_PACKET" }),

        [("acknowledgePacket", 200)] = (h, w) => h.PostAsync($"packets/{w.FreshPacketId}/ack", null),
        [("acknowledgePacket", 400)] = (h, w) => h.PostAsync("packets/not-a-uuid/ack", null),
        [("acknowledgePacket", 404)] = (h, w) => h.PostAsync($"packets/{Guid.NewGuid()}/ack", null),
        [("acknowledgePacket", 409)] = (h, w) => h.PostAsync($"packets/{w.StalePacketId}/ack", null),
    };

    private static async Task<HttpResponseMessage> AppendToNewRunAsync(HttpClient http)
    {
        var runId = Examples.NewRunId("probe-append");
        using (var created = await Post(http, "runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Probe." }))
        {
            created.EnsureSuccessStatusCode();
        }
        return await Post(http, $"runs/{runId}/events", Events(runId, 0, 3));
    }

    private static async Task<HttpResponseMessage> CompactNewRunAsync(HttpClient http)
    {
        string runId;
        using (var appended = await AppendToNewRunAsync(http))
        {
            appended.EnsureSuccessStatusCode();
            runId = appended.RequestMessage!.RequestUri!.Segments[^2].TrimEnd('/');
        }
        return await Post(http, $"runs/{runId}/compactions", new JsonObject { ["trigger"] = "manual" });
    }

    private static string ContentPath(string runId, Guid artifactId) => $"runs/{runId}/artifacts/{artifactId}/content";

    /// <summary>Registers a copy of <paramref name="template"/> (new id) for <paramref name="size"/> random bytes; returns it and the bytes.</summary>
    private static async Task<(ArtifactRecord Record, byte[] Bytes)> RegisterContentAsync(AlexandriaClient client, ArtifactRecord template, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var record = template with
        {
            ArtifactId = Guid.NewGuid(),
            Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            SizeBytes = size,
            MimeType = "application/octet-stream",
        };
        await client.RegisterArtifactAsync(record.RunId, record);
        return (record, bytes);
    }

    private static async Task<HttpResponseMessage> UploadNewAsync(HttpClient http, World world)
    {
        var (record, bytes) = await RegisterContentAsync(new AlexandriaClient(http), world.Uploaded, 300);
        return await Put(http, ContentPath(world.RunId, record.ArtifactId), bytes);
    }

    private static async Task<HttpResponseMessage> UploadOverMaximumAsync(HttpClient http, World world)
    {
        var huge = world.Pending with { ArtifactId = Guid.NewGuid(), SizeBytes = 1L << 40 };
        await new AlexandriaClient(http).RegisterArtifactAsync(huge.RunId, huge);
        return await Put(http, ContentPath(world.RunId, huge.ArtifactId), new byte[100]);
    }

    /// <summary>Uploads fresh bytes, flips one in the stored object, and asks for them.</summary>
    private static async Task<HttpResponseMessage> DownloadDamagedAsync(HttpClient http, World world)
    {
        var (record, bytes) = await RegisterContentAsync(new AlexandriaClient(http), world.Uploaded, 500);
        using (var uploaded = await Put(http, ContentPath(world.RunId, record.ArtifactId), bytes))
        {
            uploaded.EnsureSuccessStatusCode();
        }
        var file = System.IO.Path.Combine(world.StoreDirectory, "runs", world.RunId, "objects", record.Hash[..2], record.Hash);
        var stored = await System.IO.File.ReadAllBytesAsync(file);
        stored[250] ^= 0x01;
        await System.IO.File.WriteAllBytesAsync(file, stored);
        return await http.GetAsync(ContentPath(world.RunId, record.ArtifactId));
    }

    private static Task<HttpResponseMessage> Put(HttpClient http, string path, byte[] bytes, string mediaType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return http.PutAsync(path, content);
    }

    private static Task<HttpResponseMessage> GetRange(HttpClient http, string path, string range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Range", range);
        return http.SendAsync(request);
    }

    private static JsonObject Events(string runId, long expectedSeq, int count)
        => new()
        {
            ["expected_seq"] = expectedSeq,
            ["events"] = new JsonArray(Examples.StepEvents(runId, expectedSeq + 1, count).Select(e => Node(e)).ToArray()),
        };

    private static JsonNode Node<T>(T value, Action<JsonObject>? change = null)
    {
        var node = JsonSerializer.SerializeToNode(value, OutputSchemaJson.Options)!;
        change?.Invoke(node.AsObject());
        return node;
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, JsonNode body) => PostRaw(http, path, body.ToJsonString());

    private static Task<HttpResponseMessage> PostRaw(HttpClient http, string path, string body)
        => http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
}
