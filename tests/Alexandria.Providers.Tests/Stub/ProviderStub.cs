using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Alexandria.Providers.Tests.Stub;

/// <summary>
/// A loopback HTTP server (Kestrel on 127.0.0.1, a free port) speaking three providers' wire formats, streamed
/// and not: OpenAI <c>POST /v1/chat/completions</c> (JSON or SSE chunks), Anthropic <c>POST /v1/messages</c>
/// (JSON or SSE events), OpenAI <c>POST /v1/responses</c> (JSON or SSE events), Ollama <c>POST /api/chat</c> (JSON or NDJSON). Responses follow the published examples;
/// usage fields come from a simulated prefix cache. Records every request's exact bytes.
/// </summary>
public sealed class ProviderStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();

    private ProviderStub(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The reply text for a request (default: an empty JSON object).</summary>
    public Func<StubRequest, string> Reply { get; set; } = _ => "{}";

    /// <summary>The simulated Anthropic cache.</summary>
    public PrefixCache AnthropicCache { get; } = new(1024);

    /// <summary>The simulated OpenAI cache.</summary>
    public PrefixCache OpenAiCache { get; } = new(1024);

    /// <summary>Characters per streamed chunk.</summary>
    public int ChunkSize { get; set; } = 16;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => _requests.ToList();

    public static async Task<ProviderStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new ProviderStub(app);
        app.MapPost("/v1/chat/completions", stub.OpenAiAsync);
        app.MapPost("/v1/responses", stub.OpenAiResponsesAsync);
        app.MapPost("/v1/messages", stub.AnthropicAsync);
        app.MapPost("/api/chat", stub.OllamaAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        stub.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return stub;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<StubRequest> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var request = new StubRequest(context.Request.Path, headers, body.ToArray());
        _requests.Enqueue(request);
        return request;
    }

    private IEnumerable<string> Chunks(string text)
    {
        for (var i = 0; i < text.Length; i += ChunkSize)
        {
            yield return text.Substring(i, Math.Min(ChunkSize, text.Length - i));
        }
    }

    private static Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    private static async Task WriteLinesAsync(HttpContext context, string contentType, IEnumerable<string> lines)
    {
        context.Response.ContentType = contentType;
        foreach (var line in lines)
        {
            await context.Response.WriteAsync(line).ConfigureAwait(false);
            await context.Response.Body.FlushAsync().ConfigureAwait(false);
        }
    }

    private static string J(object value) => JsonSerializer.Serialize(value);

    private async Task OpenAiAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        var model = request.Json.GetProperty("model").GetString()!;
        var text = Reply(request);
        var usage = OpenAiCache.OpenAi(request.Json);
        var output = PrefixCache.Tokens(Encoding.UTF8.GetByteCount(text));
        var usageJson = new Dictionary<string, object>
        {
            ["prompt_tokens"] = usage.TotalInputTokens, ["completion_tokens"] = output, ["total_tokens"] = usage.TotalInputTokens + output,
            ["prompt_tokens_details"] = new Dictionary<string, object> { ["cached_tokens"] = usage.CachedTokens, ["cache_write_tokens"] = usage.CacheCreationTokens, ["audio_tokens"] = 0 },
            ["completion_tokens_details"] = new Dictionary<string, object> { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0 },
        };
        const string id = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
        if (!request.Streamed)
        {
            await WriteJsonAsync(context, J(new Dictionary<string, object?>
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = 1741569952, ["model"] = model,
                ["choices"] = new[] { new Dictionary<string, object?> { ["index"] = 0, ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = text, ["refusal"] = null, ["annotations"] = Array.Empty<object>() }, ["logprobs"] = null, ["finish_reason"] = "stop" } },
                ["usage"] = usageJson, ["service_tier"] = "default",
            })).ConfigureAwait(false);
            return;
        }

        object Chunk(object delta, string? finish) => new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1741569952, ["model"] = model, ["system_fingerprint"] = "fp_44709d6fcb",
            ["choices"] = new[] { new Dictionary<string, object?> { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish } },
        };
        var lines = new List<string> { "data: " + J(Chunk(new Dictionary<string, object> { ["role"] = "assistant", ["content"] = "" }, null)) + "\n\n" };
        lines.AddRange(Chunks(text).Select(c => "data: " + J(Chunk(new Dictionary<string, object> { ["content"] = c }, null)) + "\n\n"));
        lines.Add("data: " + J(Chunk(new Dictionary<string, object>(), "stop")) + "\n\n");
        lines.Add("data: " + J(new Dictionary<string, object?> { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1741569952, ["model"] = model, ["choices"] = Array.Empty<object>(), ["usage"] = usageJson }) + "\n\n");
        lines.Add("data: [DONE]\n\n");
        await WriteLinesAsync(context, "text/event-stream", lines).ConfigureAwait(false);
    }

    private async Task OpenAiResponsesAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        var model = request.Json.GetProperty("model").GetString()!;
        var text = Reply(request);
        var usage = OpenAiCache.OpenAi(request.Json);
        var output = PrefixCache.Tokens(Encoding.UTF8.GetByteCount(text));
        const string id = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";
        const string messageId = "msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b";
        Dictionary<string, object> Part(string content) => new() { ["type"] = "output_text", ["text"] = content, ["annotations"] = Array.Empty<object>() };
        Dictionary<string, object?> Message(string status, bool withText) => new()
        {
            ["type"] = "message", ["id"] = messageId, ["status"] = status, ["role"] = "assistant", ["content"] = withText ? new[] { Part(text) } : Array.Empty<object>(),
        };
        Dictionary<string, object?> Response(string status) => new()
        {
            ["id"] = id, ["object"] = "response", ["created_at"] = 1741476542, ["status"] = status, ["error"] = null, ["incomplete_details"] = null,
            ["instructions"] = null, ["max_output_tokens"] = null, ["model"] = model,
            ["output"] = status == "completed" ? new[] { Message("completed", withText: true) } : Array.Empty<object>(),
            ["parallel_tool_calls"] = true, ["previous_response_id"] = null, ["reasoning"] = new Dictionary<string, object?> { ["effort"] = null, ["summary"] = null },
            ["store"] = false, ["temperature"] = 1.0, ["text"] = new Dictionary<string, object> { ["format"] = new Dictionary<string, object> { ["type"] = "text" } },
            ["tool_choice"] = "auto", ["tools"] = Array.Empty<object>(), ["top_p"] = 1.0, ["truncation"] = "disabled",
            ["usage"] = status != "completed" ? null : new Dictionary<string, object>
            {
                ["input_tokens"] = usage.TotalInputTokens,
                ["input_tokens_details"] = new Dictionary<string, object> { ["cached_tokens"] = usage.CachedTokens, ["cache_write_tokens"] = usage.CacheCreationTokens },
                ["output_tokens"] = output, ["output_tokens_details"] = new Dictionary<string, object> { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = usage.TotalInputTokens + output,
            },
            ["user"] = null, ["metadata"] = new Dictionary<string, object>(),
        };
        if (!request.Streamed)
        {
            await WriteJsonAsync(context, J(Response("completed"))).ConfigureAwait(false);
            return;
        }

        var sequence = 0;
        string Event(string type, Dictionary<string, object?> data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return "event: " + type + "\ndata: " + J(data) + "\n\n";
        }

        Dictionary<string, object?> At(params (string Key, object? Value)[] members)
        {
            var data = new Dictionary<string, object?> { ["item_id"] = messageId, ["output_index"] = 0, ["content_index"] = 0 };
            foreach (var (key, value) in members)
            {
                data[key] = value;
            }

            return data;
        }

        var lines = new List<string>
        {
            Event("response.created", new() { ["response"] = Response("in_progress") }),
            Event("response.in_progress", new() { ["response"] = Response("in_progress") }),
            Event("response.output_item.added", new() { ["output_index"] = 0, ["item"] = Message("in_progress", withText: false) }),
            Event("response.content_part.added", At(("part", Part("")))),
        };
        lines.AddRange(Chunks(text).Select(c => Event("response.output_text.delta", At(("delta", c)))));
        lines.Add(Event("response.output_text.done", At(("text", text))));
        lines.Add(Event("response.content_part.done", At(("part", Part(text)))));
        lines.Add(Event("response.output_item.done", new() { ["output_index"] = 0, ["item"] = Message("completed", withText: true) }));
        lines.Add(Event("response.completed", new() { ["response"] = Response("completed") }));
        await WriteLinesAsync(context, "text/event-stream", lines).ConfigureAwait(false);
    }

    private async Task AnthropicAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        var model = request.Json.GetProperty("model").GetString()!;
        var text = Reply(request);
        var usage = AnthropicCache.Anthropic(request.Json);
        var output = PrefixCache.Tokens(Encoding.UTF8.GetByteCount(text));
        Dictionary<string, object> Usage(long outputTokens) => new()
        {
            ["input_tokens"] = usage.InputTokens, ["cache_creation_input_tokens"] = usage.CacheCreationTokens,
            ["cache_read_input_tokens"] = usage.CachedTokens, ["output_tokens"] = outputTokens,
        };
        const string id = "msg_013Zva2CMHLNnXjNJJKqJ2EF";
        if (!request.Streamed)
        {
            await WriteJsonAsync(context, J(new Dictionary<string, object?>
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new[] { new Dictionary<string, object> { ["type"] = "text", ["text"] = text } },
                ["stop_reason"] = "end_turn", ["stop_sequence"] = null, ["usage"] = Usage(output),
            })).ConfigureAwait(false);
            return;
        }

        static string Event(string name, object data) => "event: " + name + "\ndata: " + J(data) + "\n\n";
        var lines = new List<string>
        {
            Event("message_start", new Dictionary<string, object> { ["type"] = "message_start", ["message"] = new Dictionary<string, object?> { ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = Array.Empty<object>(), ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = Usage(1) } }),
            Event("content_block_start", new Dictionary<string, object> { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new Dictionary<string, object> { ["type"] = "text", ["text"] = "" } }),
            Event("ping", new Dictionary<string, object> { ["type"] = "ping" }),
        };
        lines.AddRange(Chunks(text).Select(c => Event("content_block_delta", new Dictionary<string, object> { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new Dictionary<string, object> { ["type"] = "text_delta", ["text"] = c } })));
        lines.Add(Event("content_block_stop", new Dictionary<string, object> { ["type"] = "content_block_stop", ["index"] = 0 }));
        lines.Add(Event("message_delta", new Dictionary<string, object> { ["type"] = "message_delta", ["delta"] = new Dictionary<string, object?> { ["stop_reason"] = "end_turn", ["stop_sequence"] = null }, ["usage"] = new Dictionary<string, object> { ["output_tokens"] = output } }));
        lines.Add(Event("message_stop", new Dictionary<string, object> { ["type"] = "message_stop" }));
        await WriteLinesAsync(context, "text/event-stream", lines).ConfigureAwait(false);
    }

    private async Task OllamaAsync(HttpContext context)
    {
        var request = await RecordAsync(context).ConfigureAwait(false);
        var model = request.Json.GetProperty("model").GetString()!;
        var text = Reply(request);
        var prompt = PrefixCache.Tokens(Encoding.UTF8.GetByteCount(request.AllText));
        var output = PrefixCache.Tokens(Encoding.UTF8.GetByteCount(text));
        Dictionary<string, object> Done(string content) => new()
        {
            ["model"] = model, ["created_at"] = "2023-12-12T14:13:43.416799Z", ["message"] = new Dictionary<string, object> { ["role"] = "assistant", ["content"] = content },
            ["done"] = true, ["done_reason"] = "stop", ["total_duration"] = 5191566416, ["load_duration"] = 2154458,
            ["prompt_eval_count"] = prompt, ["prompt_eval_duration"] = 383809000, ["eval_count"] = output, ["eval_duration"] = 4799921000,
        };
        if (!request.Streamed)
        {
            await WriteJsonAsync(context, J(Done(text))).ConfigureAwait(false);
            return;
        }

        var lines = Chunks(text).Select(c => J(new Dictionary<string, object> { ["model"] = model, ["created_at"] = "2023-08-04T08:52:19.385406455-07:00", ["message"] = new Dictionary<string, object> { ["role"] = "assistant", ["content"] = c }, ["done"] = false }) + "\n").ToList();
        lines.Add(J(Done("")) + "\n");
        await WriteLinesAsync(context, "application/x-ndjson", lines).ConfigureAwait(false);
    }
}
