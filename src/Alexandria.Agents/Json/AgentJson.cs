using System;
using System.Text.Json;
using Alexandria.Contracts;
using Alexandria.Runtime.Json;

namespace Alexandria.Agents.Json;

/// <summary>
/// The agent loop's one door between contract types and JSON: always the generated converters
/// (<see cref="OutputSchemaJson.Options"/>), and canonical JSON wherever text reaches a model, so the same
/// state always renders to the same prompt bytes.
/// </summary>
internal static class AgentJson
{
    public static JsonSerializerOptions Options => OutputSchemaJson.Options;

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        => JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"A {typeof(T).Name} document was null.");

    public static T Deserialize<T>(JsonElement element)
        => element.Deserialize<T>(Options) ?? throw new JsonException($"A {typeof(T).Name} document was null.");

    /// <summary>Canonical JSON text (sorted keys, no whitespace) of a contract value.</summary>
    public static string Canonical<T>(T value) => CanonicalJson.ToText(ToElement(value));

    /// <summary>Canonical JSON text of any element.</summary>
    public static string Canonical(JsonElement value) => CanonicalJson.ToText(value);

    /// <summary>The contract spelling of an enum value (<c>ChangeTool</c> → <c>change_tool</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
        => ContractNames.Of(value);

    /// <summary>A parsed copy of <paramref name="json"/> that outlives its document.</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
