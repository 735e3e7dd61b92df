using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>
/// Issue 15, items 10–12: inputs that once gave a 5xx or an empty body are located problems; what the schema
/// accepts is accepted, or refused at its member with the reason.
/// </summary>
public sealed class BadInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Client;

    private int Port => _client.BaseAddress!.Port;

    private async Task<string> CreateRunAsync()
    {
        var runId = "run-" + Guid.NewGuid().ToString("N")[..12];
        var reply = await _client.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Audit the docs." });
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return runId;
    }

    public static TheoryData<string, string, int> KestrelRefusals() => new()
    {
        { "an encoded NUL in the path", "GET /runs/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a request line over the limit", $"GET /runs/{new string('a', 10_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "headers over the limit", $"GET /runs/r HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", 431 },
        { "an unreadable Content-Length", "POST /runs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nContent-Type: application/json\r\n\r\n{}", 400 },
        { "two Content-Lengths", "POST /runs HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\nContent-Type: application/json\r\n\r\n{}", 400 },
        { "a request line that is not HTTP", "HELLO\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(KestrelRefusals))]
    public async Task What_kestrel_refuses_while_parsing_is_a_problem_with_the_same_shape(string what, string request, int status)
    {
        _ = what;

        var reply = await RawHttp.SendAsync(Port, request);

        RawHttp.AssertProblem(reply, status);
    }

    [Fact]
    public async Task A_chunk_size_of_eighteen_hex_digits_is_a_400_problem_not_a_500()
    {
        var reply = await RawHttp.SendAsync(Port,
            $"POST /runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ServerFixture.ApiKey}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nffffffffffffffffff\r\n{{}}\r\n0\r\n\r\n");

        RawHttp.AssertProblem(reply, 400);
    }

    [Fact]
    public async Task The_server_still_answers_after_the_refusals()
    {
        await RawHttp.SendAsync(Port, "GET /runs/%00 HTTP/1.1\r\nHost: x\r\n\r\n");

        var reply = await _client.GetJsonAsync("/health");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_body_that_is_not_json_by_its_media_type_is_a_415_problem(string? mediaType)
    {
        var reply = await _client.PostAsAsync("/runs", """{"objective": "x"}""", mediaType);

        Http.AssertProblem(reply, 415, "");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_media_types_are_accepted(string mediaType)
    {
        var reply = await _client.PostAsAsync("/runs", """{"objective": "x"}""", mediaType);

        Assert.Equal(HttpStatusCode.Created, reply.Status);
    }

    [Theory]
    [InlineData("/runs/no-such-run", "/runId")]
    [InlineData("/runs/no-such-run/events", "/runId")]
    [InlineData("/runs/{run}/snapshots/latest", "/runId")]
    [InlineData("/runs/{run}/snapshots/6c1f0e2a-93b4-4d7e-a5f8-0b2c4d6e8f1a", "/snapshotId")]
    [InlineData("/runs/{run}/artifacts/6c1f0e2a-93b4-4d7e-a5f8-0b2c4d6e8f1a", "/artifactId")]
    [InlineData("/no/such/operation", "")]
    public async Task A_404_problem_names_what_was_not_found_in_its_errors(string path, string pointer)
    {
        var reply = await _client.GetJsonAsync(path.Replace("{run}", await CreateRunAsync(), StringComparison.Ordinal));

        Http.AssertProblem(reply, 404, pointer);
    }

    [Fact]
    public async Task Acknowledging_an_unknown_packet_is_a_404_naming_the_packet_id()
        => Http.AssertProblem(await _client.PostRawAsync($"/packets/{Guid.NewGuid()}/ack", ""), 404, "/packetId");

    [Fact]
    public async Task Artifact_metadata_over_the_inline_cap_is_a_422_at_metadata_and_nothing_is_registered()
    {
        var runId = await CreateRunAsync();
        var id = Guid.NewGuid();
        var artifact = Http.Artifact(runId, id);
        artifact["metadata"] = new JsonObject { ["text"] = new string('x', 70 * 1024) };

        var reply = await _client.PostAsync($"/runs/{runId}/artifacts", artifact);

        Http.AssertProblem(reply, 422, "/metadata");
        Assert.Equal(404, (await _client.GetJsonAsync($"/runs/{runId}/artifacts/{id}")).Code);
    }

    [Theory]
    [InlineData("""{"source": "a\u0000b"}""", "/metadata/source")]
    [InlineData("""{"nested": [{"ok": "x"}, {"k": "\u0000"}]}""", "/metadata/nested/1/k")]
    [InlineData("""{"a\u0000": 1}""", "/metadata/a\u0000")]
    public async Task A_nul_character_in_artifact_metadata_is_a_422_at_its_place_on_the_embedded_store_as_on_postgres(string metadata, string pointer)
    {
        var runId = await CreateRunAsync();
        var id = Guid.NewGuid();
        var artifact = Http.Artifact(runId, id);
        artifact["metadata"] = JsonNode.Parse(metadata);

        var reply = await _client.PostAsync($"/runs/{runId}/artifacts", artifact);

        Http.AssertProblem(reply, 422, pointer);
        Assert.Equal(404, (await _client.GetJsonAsync($"/runs/{runId}/artifacts/{id}")).Code);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task An_artifact_created_at_the_ends_of_time_is_registered_and_reads_back(string createdAt)
    {
        var runId = await CreateRunAsync();
        var id = Guid.NewGuid();
        var artifact = Http.Artifact(runId, id);
        artifact["created_at"] = createdAt;

        var registered = await _client.PostAsync($"/runs/{runId}/artifacts", artifact);
        var read = await _client.GetJsonAsync($"/runs/{runId}/artifacts/{id}");
        var run = await _client.GetJsonAsync($"/runs/{runId}");

        Assert.True(registered.Code == 201, registered.Text);
        Assert.True(read.Code == 200, read.Text);
        Assert.Equal(createdAt, (string)read.Body!["created_at"]!);
        Assert.Equal(200, run.Code);
    }

    [Fact]
    public async Task Events_that_occurred_at_the_end_of_time_are_stored_and_read_back()
    {
        var runId = await CreateRunAsync();
        var plan = Http.PlanEvent(runId, 1);
        plan["occurred_at"] = "9999-12-31T23:59:59Z";

        var appended = await _client.PostAsync($"/runs/{runId}/events", Http.Batch(0, plan));
        var read = await _client.GetJsonAsync($"/runs/{runId}/events");
        var compacted = await _client.PostAsync($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = "manual" });

        Assert.Equal(200, appended.Code);
        Assert.Equal("9999-12-31T23:59:59Z", (string)read.Body!["events"]![0]!["occurred_at"]!);
        Assert.True(compacted.Code is 201 or 422, compacted.Text);
    }

    [Theory]
    [InlineData("4.0", 4)]
    [InlineData("4e0", 4)]
    [InlineData("40e-1", 4)]
    [InlineData("9223372036854775807.000", long.MaxValue)]
    public async Task An_integer_written_with_a_fraction_or_exponent_is_accepted_as_the_integer_it_is(string literal, long value)
    {
        var runId = await CreateRunAsync();
        var json = Http.Batch(0, Http.PlanEvent(runId, 1)).ToJsonString().Replace("\"step_id\":1", "\"step_id\":" + literal, StringComparison.Ordinal);

        var reply = await _client.PostRawAsync($"/runs/{runId}/events", json);
        var read = await _client.GetJsonAsync($"/runs/{runId}/events");

        Assert.True(reply.Code == 200, reply.Text);
        Assert.Equal(value, (long)read.Body!["events"]![0]!["step_id"]!);
    }

    [Theory]
    [InlineData("1e-32")]
    [InlineData("1.0000000000000000000000000000001")]
    [InlineData("123e-2")]
    public async Task A_number_with_a_fraction_decimal_cannot_hold_is_not_an_integer(string literal)
    {
        var runId = await CreateRunAsync();
        var json = Http.Batch(0, Http.PlanEvent(runId, 1)).ToJsonString().Replace("\"step_id\":1", "\"step_id\":" + literal, StringComparison.Ordinal);

        var reply = await _client.PostRawAsync($"/runs/{runId}/events", json);

        Http.AssertProblem(reply, 422, "/events/0/step_id");
        Assert.Contains(reply.Body!["errors"]!.AsArray(), e => (string)e!["pointer"]! == "/events/0/step_id" && (string)e["keyword"]! == "type");
    }

    [Theory]
    [InlineData("\"step_id\":1", "\"step_id\":9223372036854775808", "/events/0/step_id", "64-bit")]
    [InlineData("\"step_id\":1", "\"step_id\":1e400", "/events/0/step_id", "64-bit")]
    [InlineData("2026-11-23T10:22:30Z", "2026-12-31T23:59:60Z", "/events/0/occurred_at", "date-time")]
    [InlineData("2026-11-23T10:22:30Z", "0000-01-01T00:00:00Z", "/events/0/occurred_at", "date-time")]
    public async Task A_schema_valid_value_the_runtime_cannot_hold_is_refused_at_its_member(string original, string replacement, string pointer, string reason)
    {
        var runId = await CreateRunAsync();
        var json = Http.Batch(0, Http.PlanEvent(runId, 1)).ToJsonString().Replace(original, replacement, StringComparison.Ordinal);

        var reply = await _client.PostRawAsync($"/runs/{runId}/events", json);

        Http.AssertProblem(reply, 422, pointer);
        Assert.Contains(reason, reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, (long)(await _client.GetJsonAsync($"/runs/{runId}")).Body!["last_seq"]!);
    }
}
