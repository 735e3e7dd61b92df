using System;
using System.Collections.Concurrent;
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
        => EnumNames<T>.Of(value);

    /// <summary>The enum value a contract spelling names.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum
        => JsonSerializer.Deserialize<T>("\"" + JsonEncodedText.Encode(name) + "\"", Options);

    /// <summary>Contract spellings already looked up: the loop detector and the snapshot builder ask for one per event.</summary>
    private static class EnumNames<T>
        where T : struct, Enum
    {
        private static readonly ConcurrentDictionary<T, string> Names = new();

        public static string Of(T value) => Names.TryGetValue(value, out var name)
            ? name
            : Names.GetOrAdd(value, v => JsonSerializer.SerializeToElement(v, Options).GetString()!);
    }
}
