using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Server.Tests;

/// <summary>The runtime API end to end: a real server on a loopback port, spoken to with HttpClient.</summary>
public sealed class RuntimeApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;
    private readonly ServerFixture _server = server;

    private async Task<string> CreateRunAsync(string? runId = null)
    {
        var body = new JsonObject { ["objective"] = "Audit the docs." };
        runId ??= "run-" + Guid.NewGuid().ToString("N")[..12];
        body["run_id"] = runId;
        var reply = await _client.PostAsync("/runs", body);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return runId;
    }

    [Fact]
    public async Task A_created_run_can_be_read_back_with_an_empty_log()
    {
        var created = await _client.PostAsync("/runs", new JsonObject { ["objective"] = "Find missing examples." });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("application/json", created.MediaType);
        var runId = (string)created.Body!["run_id"]!;
        var read = await _client.GetJsonAsync($"/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Find missing examples.", (string)read.Body!["objective"]!);
        Assert.Equal("active", (string)read.Body["status"]!);
        Assert.Equal(0, (long)read.Body["last_seq"]!);
        Assert.Null(read.Body["latest_snapshot_id"]);
    }

    [Fact]
    public async Task Creating_a_run_whose_id_is_taken_is_a_409_problem()
    {
        var runId = await CreateRunAsync();

        var again = await _client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Again." });

        Http.AssertProblem(again, 409, "/run_id");
    }

    [Fact]
    public async Task Appended_events_get_gapless_seqs_and_read_back_in_order_page_by_page()
    {
        var runId = await CreateRunAsync();

        var first = await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 0, 1, 2));
        var second = await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 2, 3));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(1, (long)first.Body!["first_seq"]!);
        Assert.Equal(2, (long)first.Body["last_seq"]!);
        Assert.Equal(3, (long)second.Body!["first_seq"]!);
        var page = await _client.GetJsonAsync($"/runs/{runId}/events?from_seq=1&limit=2");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([1L, 2L], page.Body!["events"]!.AsArray().Select(e => (long)e!["seq"]!).ToArray());
        Assert.Equal(3, (long)page.Body["next_seq"]!);
        var rest = await _client.GetJsonAsync($"/runs/{runId}/events?from_seq=3");
        Assert.Equal([3L], rest.Body!["events"]!.AsArray().Select(e => (long)e!["seq"]!).ToArray());
        Assert.Null(rest.Body["next_seq"]);
        var run = await _client.GetJsonAsync($"/runs/{runId}");
        Assert.Equal(3, (long)run.Body!["last_seq"]!);
    }

    [Fact]
    public async Task Appending_with_a_stale_expected_seq_is_a_409_problem_and_writes_nothing()
    {
        var runId = await CreateRunAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 0, 1, 2))).Status);

        var stale = await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 1, 2));

        Http.AssertProblem(stale, 409, "/expected_seq");
        var run = await _client.GetJsonAsync($"/runs/{runId}");
        Assert.Equal(2, (long)run.Body!["last_seq"]!);
    }

    [Fact]
    public async Task Events_whose_seqs_do_not_follow_expected_seq_are_a_409_problem_naming_the_event()
    {
        var runId = await CreateRunAsync();

        var gap = await _client.PostAsync($"/runs/{runId}/events", Http.Append(runId, 0, 1, 3));

        Http.AssertProblem(gap, 409, "/events/1/seq");
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    [Fact]
    public async Task Events_of_another_run_are_a_422_problem_naming_the_run_id()
    {
        var runId = await CreateRunAsync();

        var foreign = await _client.PostAsync($"/runs/{runId}/events", Http.Append("someone-else", 0, 1));

        Http.AssertProblem(foreign, 422, "/events/0/run_id");
    }

    [Fact]
    public async Task Appending_to_an_unknown_run_is_a_404_problem()
    {
        var reply = await _client.PostAsync("/runs/no-such-run/events", Http.Append("no-such-run", 0, 1));

        Assert.Equal(404, reply.Code);
        Assert.Equal("application/problem+json", reply.MediaType);
    }

    [Fact]
    public async Task A_registered_artifact_reads_back_as_the_same_record_and_cannot_be_registered_twice()
    {
        var runId = await CreateRunAsync();
        var id = Guid.NewGuid();
        var record = Http.Artifact(runId, id);

        var registered = await _client.PostAsync($"/runs/{runId}/artifacts", record);
        var read = await _client.GetJsonAsync($"/runs/{runId}/artifacts/{id}");
        var twice = await _client.PostAsync($"/runs/{runId}/artifacts", record);

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.True(JsonNode.DeepEquals(record, read.Body), read.Text);
        Http.AssertProblem(twice, 409, "/artifact_id");
    }

    [Fact]
    public async Task An_unknown_artifact_is_a_404_problem()
    {
        var runId = await CreateRunAsync();

        var reply = await _client.GetJsonAsync($"/runs/{runId}/artifacts/{Guid.NewGuid()}");

        Assert.Equal(404, reply.Code);
        Assert.Equal("application/problem+json", reply.MediaType);
    }

    [Fact]
    public async Task A_run_without_compaction_has_an_empty_snapshot_history_and_no_latest_snapshot()
    {
        var runId = await CreateRunAsync();

        var history = await _client.GetJsonAsync($"/runs/{runId}/snapshots");
        var latest = await _client.GetJsonAsync($"/runs/{runId}/snapshots/latest");

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Empty(history.Body!["snapshots"]!.AsArray());
        Assert.Equal(404, latest.Code);
        Assert.Equal("application/problem+json", latest.MediaType);
    }

    [Fact]
    public async Task A_compaction_snapshot_is_served_as_latest_by_id_and_in_the_history()
    {
        var runId = await CreateRunAsync();
        var examples = Path.Combine(Path.GetDirectoryName(OpenApiPath())!, "examples");
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(examples, "compaction_snapshot.valid.1.json")))!.AsObject();
        var snapshotId = Guid.NewGuid();
        snapshot["snapshot_id"] = snapshotId.ToString("D");
        snapshot["run_id"] = runId;
        await _server.Host.Store.Snapshots.AppendAsync(new StoredSnapshot(runId, snapshotId, null, 1, 24,
            DateTimeOffset.Parse((string)snapshot["created_at"]!, System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Encoding.UTF8.GetBytes(snapshot.ToJsonString())), expectedLatest: null);

        var latest = await _client.GetJsonAsync($"/runs/{runId}/snapshots/latest");
        var byId = await _client.GetJsonAsync($"/runs/{runId}/snapshots/{snapshotId}");
        var history = await _client.GetJsonAsync($"/runs/{runId}/snapshots");
        var run = await _client.GetJsonAsync($"/runs/{runId}");

        Assert.Equal(HttpStatusCode.OK, latest.Status);
        Assert.True(JsonNode.DeepEquals(snapshot, latest.Body), latest.Text);
        Assert.True(JsonNode.DeepEquals(snapshot, byId.Body), byId.Text);
        var entry = history.Body!["snapshots"]!.AsArray().Single()!;
        Assert.Equal(snapshotId.ToString("D"), (string)entry["snapshot_id"]!);
        Assert.Equal(24, (long)entry["covered_seq"]!["last"]!);
        Assert.Equal(snapshotId.ToString("D"), (string)run.Body!["latest_snapshot_id"]!);
    }

    [Fact]
    public async Task A_handoff_is_listed_and_a_submitted_packet_can_be_acknowledged()
    {
        var runId = await CreateRunAsync();
        var handoff = new JsonObject
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
        var packetId = (string)handoff["packet_id"]!;

        var created = await _client.PostAsync($"/runs/{runId}/handoffs", handoff);
        var listed = await _client.GetJsonAsync($"/runs/{runId}/handoffs");
        var submitted = await _client.PostAsync("/packets", handoff.DeepClone());
        var acknowledged = await _client.PostRawAsync($"/packets/{packetId}/ack", "");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(packetId, (string)listed.Body!["handoffs"]![0]!["packet_id"]!);
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        Assert.Equal("active", (string)submitted.Body!["status"]!);
        Assert.Equal(HttpStatusCode.OK, acknowledged.Status);
        Assert.Equal($"ACK loaded context {packetId}", (string)acknowledged.Body!["message"]!);
    }

    [Fact]
    public async Task Openapi_json_is_served_byte_for_byte()
    {
        var path = OpenApiPath();

        using var response = await _client.GetAsync(new Uri("/openapi.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(path), await response.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, string, string, int, string> BadInputs() => new()
    {
        { "invalid JSON", "/runs", "{\"objective\": ", 400, "/objective" }, // the text stops where objective's value should be
        { "a body that is not an object", "/runs", "[1, 2]", 422, "" },
        { "a wrong type", "/runs", "{\"objective\": 5}", 422, "/objective" },
        { "an unknown field", "/runs", "{\"objective\": \"x\", \"extra\": true}", 422, "/extra" },
        { "a missing required field", "/runs", "{\"run_id\": \"abc\"}", 422, "" }, // JSON Schema's instance location: the object missing it
        { "a run id breaking its pattern", "/runs", "{\"objective\": \"x\", \"run_id\": \"Not Valid\"}", 422, "/run_id" },
        { "a duplicate property", "/runs", "{\"objective\": \"x\", \"objective\": \"y\"}", 400, "/objective" },
        { "a duplicate property deep in an event", "/runs/{run}/events", "{\"expected_seq\": 0, \"events\": [{\"seq\": 1}, {\"seq\": 1, \"seq\": 2}]}", 400, "/events/1/seq" },
        { "a wrong type deep in an event", "/runs/{run}/events", "{\"expected_seq\": 0, \"events\": [{\"seq\": \"one\"}]}", 422, "/events/0" },
        { "a negative expected_seq", "/runs/{run}/events", "{\"expected_seq\": -1, \"events\": []}", 422, "/expected_seq" },
        { "an empty body", "/runs/{run}/artifacts", "", 400, "" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_4xx_problem_naming_the_pointer_and_never_a_5xx(string what, string path, string body, int status, string pointer)
    {
        var runId = await CreateRunAsync();

        var reply = await _client.PostRawAsync(path.Replace("{run}", runId, StringComparison.Ordinal), body);

        Assert.True(reply.Code == status, $"{what}: expected {status}, got {reply.Code}: {reply.Text}");
        // A root pointer ("" — the body as a whole: not JSON, not an object, empty) must be exactly that; a member's
        // pointer may be deeper (the error names the member inside it).
        Http.AssertProblem(reply, status, pointer, exact: pointer.Length == 0);
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }

    public static TheoryData<string, string> BadParameters() => new()
    {
        { "/runs/Not_Lowercase", "/runId" },
        { "/runs/{run}/events?limit=0", "/limit" },
        { "/runs/{run}/events?limit=1001", "/limit" },
        { "/runs/{run}/events?from_seq=abc", "/from_seq" },
        { "/runs/{run}/artifacts/not-a-uuid", "/artifactId" },
        { "/runs/{run}/snapshots/not-a-uuid", "/snapshotId" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task A_path_or_query_parameter_out_of_range_is_a_400_problem_naming_the_parameter(string path, string pointer)
    {
        var runId = await CreateRunAsync();

        var reply = await _client.GetJsonAsync(path.Replace("{run}", runId, StringComparison.Ordinal));

        Http.AssertProblem(reply, 400, pointer);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_a_400_naming_the_byte_offset_not_a_500()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"objective\": \"ab\"}");
        bytes[15] = 0xC3; // a lead byte followed by '"': invalid UTF-8 that JsonDocument accepts until the string is read

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync(new Uri("/runs", UriKind.Relative), content);
        var reply = new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()), "");

        Http.AssertProblem(reply, 400, "");
        Assert.Contains("byte offset 15", (string)reply.Body!["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/no/such/operation", 404)]
    [InlineData("DELETE", "/runs", 405)]
    public async Task What_routing_refuses_is_a_problem_too(string method, string path, int status)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));
        var reply = new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()), "");

        Http.AssertProblem(reply, status, "");
    }

    private static string OpenApiPath()
        => typeof(RuntimeApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OpenApiPath").Value!;

    [Fact]
    public async Task An_event_of_an_unknown_kind_is_one_problem_error_at_its_kind_naming_the_allowed_kinds()
    {
        var runId = await CreateRunAsync();
        var body = JsonNode.Parse("""
            {"expected_seq": 0, "events": [{"event_id": "3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23", "run_id": "r", "seq": 1, "step_id": 0,
              "agent_role": "planner", "kind": "plann", "occurred_at": "2026-11-23T10:15:00Z", "payload": {}}]}
            """)!;

        var reply = await _client.PostAsync($"/runs/{runId}/events", body);

        Http.AssertProblem(reply, 422, "/events/0/kind");
        var error = Assert.Single(reply.Body!["errors"]!.AsArray())!;
        Assert.Equal("const", (string)error["keyword"]!);
        Assert.StartsWith("\"plann\" is not a known \"kind\" (allowed: \"plan\", \"act\", \"observe\",", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_problem_error_is_the_most_specific_one()
    {
        var runId = await CreateRunAsync();
        var body = JsonNode.Parse("""
            {"expected_seq": 0, "events": [{"event_id": "3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23", "run_id": "r", "seq": 1, "step_id": 0,
              "agent_role": "planner", "kind": "plan", "occurred_at": "2026-11-23T10:15:00Z", "payload": {"objective": 5, "steps": []}}]}
            """)!;

        var reply = await _client.PostAsync($"/runs/{runId}/events", body);

        Http.AssertProblem(reply, 422, "/events/0/payload/objective");
        var errors = reply.Body!["errors"]!.AsArray();
        Assert.Equal("/events/0/payload/objective", (string)errors[0]!["pointer"]!);
        Assert.Equal(("/events/0", "oneOf"), ((string)errors[^1]!["pointer"]!, (string)errors[^1]!["keyword"]!));
        Assert.Contains("'/events/0/payload/objective': 5 is not a string", (string)reply.Body["detail"]!, StringComparison.Ordinal);
    }
}
