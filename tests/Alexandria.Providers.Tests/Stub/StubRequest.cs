using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Alexandria.Providers.Tests.Stub;

/// <summary>One request the stub received: path, headers and the exact body bytes.</summary>
public sealed class StubRequest
{
    public StubRequest(string path, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Path = path;
        Headers = headers;
        Body = body;
        Json = JsonDocument.Parse(body).RootElement.Clone();
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json { get; }

    public bool Streamed => Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    /// <summary>Every text the request carries (system and messages, in order), joined: what a model would read.</summary>
    public string AllText => string.Join("\n", Texts(Json));

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name is "text" or "content" or "instructions" && p.Value.ValueKind == JsonValueKind.String ? new[] { p.Value.GetString()! } : p.Name is "system" or "messages" or "content" or "input" ? Texts(p.Value) : Enumerable.Empty<string>()),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        JsonValueKind.String => new[] { element.GetString()! },
        _ => Enumerable.Empty<string>(),
    };
}
