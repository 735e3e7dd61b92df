using System;
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

    private static async Task<Reply> ReadAsync(HttpResponseMessage response)
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

    public static JsonObject Append(string runId, long expectedSeq, params long[] seqs)
    {
        var events = new JsonArray();
        foreach (var seq in seqs)
        {
            events.Add(PlanEvent(runId, seq));
        }
        return new JsonObject { ["expected_seq"] = expectedSeq, ["events"] = events };
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
}
