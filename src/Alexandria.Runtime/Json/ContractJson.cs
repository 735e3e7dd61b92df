using System;
using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Json;

/// <summary>
/// The one place the runtime turns contract types into bytes and back, always through the
/// serialization code the generator emitted for <c>output_schema.json</c> — never reflection.
/// </summary>
internal static class ContractJson
{
    private static JsonSerializerOptions Options => OutputSchemaJson.Options;

    public static byte[] Serialize(RunEvent value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static byte[] Serialize(CompactionSnapshot value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static RunEvent DeserializeEvent(ReadOnlySpan<byte> utf8)
        => JsonSerializer.Deserialize<RunEvent>(utf8, Options) ?? throw new JsonException("An event document was null.");

    public static CompactionSnapshot DeserializeSnapshot(ReadOnlySpan<byte> utf8)
        => JsonSerializer.Deserialize<CompactionSnapshot>(utf8, Options) ?? throw new JsonException("A snapshot document was null.");

    public static T Deserialize<T>(JsonElement element)
        => element.Deserialize<T>(Options) ?? throw new JsonException($"A {typeof(T).Name} document was null.");

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>The contract spelling of an enum value (<c>EventThreshold</c> → <c>event_threshold</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
        => JsonSerializer.SerializeToElement(value, Options).GetString()!;

    /// <summary>The enum value a contract spelling names.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum
        => JsonSerializer.Deserialize<T>("\"" + JsonEncodedText.Encode(name) + "\"", Options);
}
