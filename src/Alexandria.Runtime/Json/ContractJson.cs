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

    public static byte[] Serialize(RunEvent value) => value.ToUtf8Json();

    public static byte[] Serialize(CompactionSnapshot value) => value.ToUtf8Json();

    // Stored documents passed the generated validator before they were written (and are checksummed since):
    // reading them back is the hot path ParseUnvalidated exists for.
    public static RunEvent DeserializeEvent(ReadOnlySpan<byte> utf8) => RunEvent.ParseUnvalidated(utf8);

    public static CompactionSnapshot DeserializeSnapshot(ReadOnlySpan<byte> utf8) => CompactionSnapshot.ParseUnvalidated(utf8);

    public static T Deserialize<T>(JsonElement element)
        => element.Deserialize<T>(Options) ?? throw new JsonException($"A {typeof(T).Name} document was null.");

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>The contract spelling of an enum value (<c>EventThreshold</c> → <c>event_threshold</c>).</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
        => Names<T>.Spelled.GetOrAdd(value, static v => JsonSerializer.SerializeToElement(v, Options).GetString()!);

    /// <summary>The enum value a contract spelling names.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum
        => JsonSerializer.Deserialize<T>("\"" + JsonEncodedText.Encode(name) + "\"", Options);

    /// <summary>Each enum value's spelling, asked of the generated converter once (the loop names statuses on every observation).</summary>
    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<T, string> Spelled = new();
    }
}
