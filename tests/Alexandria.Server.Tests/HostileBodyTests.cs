using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>
/// Issue 15, items 7 and 8, over HTTP: bodies built to hurt the validators. An escaped unpaired surrogate on each of
/// the six body endpoints, and an artifact path of emoji that once cost 21.5 s of CPU, are quick 422 problems that
/// name the member, and nothing is written.
/// </summary>
public sealed class HostileBodyTests(ServerFixture server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;

    private const string LoneSurrogate = "\\ud800";

    private async Task<string> CreateRunAsync()
    {
        var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
        var reply = await _client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Audit the docs." });
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return runId;
    }

    public static TheoryData<string, string> Endpoints() => new()
    {
        // operation, pointer of the string that gets the unpaired surrogate
        { "createRun", "/objective" },
        { "appendEvents", "/events/0/payload/objective" },
        { "compactRun", "/trigger" },
        { "registerArtifact", "/metadata/source" },
        { "createHandoff", "/objective" },
        { "submitPacket", "/workstream/name" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_unpaired_surrogate_escape_is_a_422_problem_at_its_member_on_every_body_endpoint(string operation, string pointer)
    {
        var runId = await CreateRunAsync();
        var (path, body) = Request(operation, runId);
        var json = Inject(body, pointer);

        var reply = await _client.PostRawAsync(path, json);

        Assert.True(reply.Code == 422, $"{operation}: expected 422, got {reply.Code}: {reply.Text}");
        Assert.Equal("application/problem+json", reply.MediaType);
        var first = reply.Body!["errors"]![0]!;
        Assert.Equal((pointer, "json"), ((string)first["pointer"]!, (string)first["keyword"]!));
        Assert.Contains("unpaired surrogate", (string)first["message"]!, StringComparison.Ordinal);
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_same_bodies_without_the_surrogate_are_accepted(string operation, string pointer)
    {
        _ = pointer;
        var runId = await CreateRunAsync();
        var (path, body) = Request(operation, runId);
        if (operation == "compactRun")
        {
            // A compaction needs events to fold; what matters here is that the body passes validation.
            await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 0, 1));
        }

        var reply = await _client.PostRawAsync(path, body.ToJsonString());

        Assert.True(reply.Code is >= 200 and < 300, $"{operation}: {reply.Code}: {reply.Text}");
    }

    [Theory]
    [InlineData(29)]
    [InlineData(5000)]
    public async Task An_artifact_path_of_emoji_is_a_quick_422_at_the_path(int count)
    {
        var runId = await CreateRunAsync();
        // A first, ordinary registration pays for what a cold server does once (JIT, building the regexes).
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync($"/runs/{runId}/artifacts", Http.Artifact(runId, Guid.NewGuid()))).Status);
        var artifact = Http.Artifact(runId, Guid.NewGuid());
        artifact["path"] = string.Concat(Enumerable.Repeat("\U0001F600", count));

        var clock = Stopwatch.StartNew();
        var reply = await _client.PostAsync($"/runs/{runId}/artifacts", artifact);
        clock.Stop();
        output.WriteLine($"{count} emoji: {reply.Code} in {clock.Elapsed.TotalMilliseconds:F1} ms");

        Assert.True(reply.Code == 422, reply.Text);
        var first = reply.Body!["errors"]![0]!;
        Assert.Equal(("/path", "pattern"), ((string)first["pointer"]!, (string)first["keyword"]!));
        // How quick is not read off this wall clock (a loaded machine made a 1 s bound flaky): the validator the server
        // runs here costs CPU linear in the path (Alexandria.Contracts.Tests, HostileStringTests), and every match has
        // the time limit (Alexandria.Generators.Tests, PatternSafetyTests). This only catches a request that hangs.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    private static (string Path, JsonObject Body) Request(string operation, string runId) => operation switch
    {
        "createRun" => ("/runs", new JsonObject { ["run_id"] = "run-" + Guid.NewGuid().ToString("N")[..12], ["objective"] = "Audit the docs." }),
        "appendEvents" => ($"/runs/{runId}/events", Http.Append(runId, 0, 1)),
        "compactRun" => ($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = "manual" }),
        "registerArtifact" => ($"/runs/{runId}/artifacts", Http.Artifact(runId, Guid.NewGuid())),
        "createHandoff" => ($"/runs/{runId}/handoffs", Handoff(runId)),
        "submitPacket" => ("/packets", Handoff(runId)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a body endpoint"),
    };

    private static JsonObject Handoff(string runId) => new()
    {
        ["packet_type"] = "HANDOFF_PACKET",
        ["packet_id"] = Guid.NewGuid().ToString("D"),
        ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["ttl_hours"] = 72,
        ["run_id"] = runId,
        ["from_role"] = "planner",
        ["to_role"] = "executor",
        ["objective"] = "Check each API page for an example.",
        ["scope"] = new JsonObject { ["readable_paths"] = new JsonArray("docs/api/**"), ["writable_paths"] = new JsonArray("report/x.md") },
        ["snapshot_id"] = null,
        ["council_triggers"] = new JsonArray(),
        ["workstream"] = new JsonObject { ["name"] = "docs-quality", ["resolution"] = "exact" },
    };

    /// <summary>The body's JSON text with an escaped unpaired surrogate appended to the string at <paramref name="pointer"/>.</summary>
    private static string Inject(JsonObject body, string pointer)
    {
        JsonNode node = body;
        foreach (var segment in pointer.Split('/').Skip(1))
        {
            node = node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : node[segment]!;
        }

        const string marker = "\u0001MARK\u0001";
        node.ReplaceWith(JsonValue.Create((string)node! + marker));
        return body.ToJsonString().Replace("\\u0001MARK\\u0001", LoneSurrogate, StringComparison.Ordinal);
    }
}
