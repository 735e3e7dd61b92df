using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Alexandria.Server.Tests;

/// <summary>A response as the tests look at it: status, media type and the parsed body.</summary>
internal sealed record Reply(HttpStatusCode Status, string? MediaType, JsonNode? Body, string Text)
{
    public int Code => (int)Status;
}

internal static class Http
{
    public static Task<Reply> PostAsync(this HttpClient client, string path, JsonNode body) => client.PostRawAsync(path, body.ToJsonString());

    public static async Task<Reply> PostRawAsync(this HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    public static async Task<Reply> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    private static async Task<Reply> ReadReplyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                body = null;
            }
        }
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, text);
    }

    /// <summary>A valid plan event of <paramref name="runId"/> at <paramref name="seq"/>.</summary>
    public static JsonObject PlanEvent(string runId, long seq) => new()
    {
        ["event_id"] = Guid.NewGuid().ToString("D"),
        ["run_id"] = runId,
        ["seq"] = seq,
        ["step_id"] = 1,
        ["agent_role"] = "planner",
        ["kind"] = "plan",
        ["occurred_at"] = "2026-11-23T10:22:30Z",
        ["payload"] = new JsonObject
        {
            ["objective"] = "Audit the docs.",
            ["steps"] = new JsonArray(new JsonObject { ["step_id"] = 0, ["description"] = "Search the docs index.", ["status"] = "in_progress" }),
        },
    };

    /// <summary>Sends <paramref name="body"/> as <paramref name="mediaType"/> (or with no Content-Type when null).</summary>
    public static async Task<Reply> PostAsAsync(this HttpClient client, string path, string body, string? mediaType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        }
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    public static Task<Reply> ReadAsync(HttpResponseMessage response) => ReadReplyAsync(response);

    /// <summary>
    /// The three counted events of one complete step (plan, act, observe), at <paramref name="firstSeq"/>..+2. The
    /// observe has no evidence, so a compaction over such steps passes the invariant gate without artifacts.
    /// </summary>
    public static JsonObject[] Step(string runId, long firstSeq, long stepId)
    {
        var call = $"call_{stepId}";
        JsonObject Event(long seq, string role, string kind, JsonObject payload) => new()
        {
            ["event_id"] = Guid.NewGuid().ToString("D"),
            ["run_id"] = runId,
            ["seq"] = seq,
            ["step_id"] = stepId,
            ["agent_role"] = role,
            ["kind"] = kind,
            ["occurred_at"] = "2026-11-23T10:22:30Z",
            ["payload"] = payload,
        };
        return
        [
            Event(firstSeq, "planner", "plan", new JsonObject
            {
                ["objective"] = "Audit the docs.",
                ["steps"] = new JsonArray(new JsonObject { ["step_id"] = 0, ["description"] = "Search the docs index.", ["status"] = "in_progress" }),
            }),
            Event(firstSeq + 1, "executor", "act", new JsonObject
            {
                ["tool_name"] = "docs.search",
                ["arguments"] = new JsonObject { ["query"] = $"query {stepId}" },
                ["call_id"] = call,
            }),
            Event(firstSeq + 2, "executor", "observe", new JsonObject
            {
                ["call_id"] = call,
                ["status"] = "empty",
                ["summary"] = "No page matched.",
                ["evidence"] = new JsonArray(),
                ["zero_result_guidance"] = new JsonObject { ["suggestions"] = new JsonArray("broaden_query"), ["message"] = "Try a shorter query." },
            }),
        ];
    }

    /// <summary>An append body of <paramref name="events"/> after <paramref name="expectedSeq"/>.</summary>
    public static JsonObject Batch(long expectedSeq, params JsonObject[] events)
        => new() { ["expected_seq"] = expectedSeq, ["events"] = new JsonArray([.. events]) };

    public static JsonObject Append(string runId, long expectedSeq, params long[] seqs)
    {
        var events = new JsonArray();
        foreach (var seq in seqs)
        {
            events.Add(PlanEvent(runId, seq));
        }
        return new JsonObject { ["expected_seq"] = expectedSeq, ["events"] = events };
    }

    /// <summary>A valid handoff packet of <paramref name="runId"/>, created at <paramref name="createdAt"/>; no ttl_hours when null.</summary>
    public static JsonObject Handoff(string runId, DateTimeOffset createdAt, int? ttlHours = 72, params string[] councilTriggers)
    {
        var handoff = new JsonObject
        {
            ["packet_type"] = "HANDOFF_PACKET",
            ["packet_id"] = Guid.NewGuid().ToString("D"),
            ["created_at"] = createdAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["run_id"] = runId,
            ["from_role"] = "planner",
            ["to_role"] = "executor",
            ["objective"] = "Check each API page for an example.",
            ["scope"] = new JsonObject { ["readable_paths"] = new JsonArray("docs/api/**"), ["writable_paths"] = new JsonArray("report/x.md") },
            ["snapshot_id"] = null,
            ["council_triggers"] = new JsonArray([.. councilTriggers.Select(t => JsonValue.Create(t))]),
            ["workstream"] = new JsonObject { ["name"] = "docs-quality", ["resolution"] = "exact" },
        };
        if (ttlHours is { } ttl)
        {
            handoff["ttl_hours"] = ttl;
        }
        return handoff;
    }

    public static JsonObject Artifact(string runId, Guid id) => new()
    {
        ["artifact_id"] = id.ToString("D"),
        ["run_id"] = runId,
        ["step_id"] = 15,
        ["path"] = "report/missing_examples.md",
        ["hash"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ["mime_type"] = "text/markdown",
        ["size_bytes"] = 3412,
        ["created_at"] = "2026-11-23T10:34:12Z",
        ["metadata"] = new JsonObject { ["source"] = "test" },
    };

    /// <summary>A problem+json reply of <paramref name="status"/> with an error at <paramref name="pointer"/> (or under it).</summary>
    public static void AssertProblem(Reply reply, int status, string pointer, bool exact = true)
    {
        Assert.True(reply.Code == status, $"expected {status}, got {reply.Code}: {reply.Text}");
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(status, (int)reply.Body!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)reply.Body["title"]));
        var pointers = reply.Body["errors"]!.AsArray().Select(e => (string)e!["pointer"]!).ToArray();
        Assert.NotEmpty(pointers);
        Assert.True(exact ? pointers.Contains(pointer) : pointers.Any(p => p.StartsWith(pointer, StringComparison.Ordinal)),
            $"no error at '{pointer}' in {reply.Text}");
    }
}
