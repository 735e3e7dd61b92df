using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Json;

/// <summary>
/// One growable buffer and one writer, reused for document after document: the bytes the generated converters
/// write (the same as <c>ToUtf8Json()</c>), without a new array per document. For loops that serialize many
/// documents and look at each only until the next one (replay compares each rebuilt snapshot, then moves on).
/// Not thread-safe; owned by one caller.
/// </summary>
internal sealed class ReusableJsonBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public ReusableJsonBuffer()
    {
        _writer = new Utf8JsonWriter(_buffer, ContractWriterOptions);
    }

    /// <summary>What <c>JsonSerializer.SerializeToUtf8Bytes</c> derives from the contract options, so the bytes are identical.</summary>
    internal static JsonWriterOptions ContractWriterOptions { get; } = new()
    {
        Encoder = OutputSchemaJson.Options.Encoder,
        Indented = OutputSchemaJson.Options.WriteIndented,
        IndentCharacter = OutputSchemaJson.Options.IndentCharacter,
        IndentSize = OutputSchemaJson.Options.IndentSize,
        NewLine = OutputSchemaJson.Options.NewLine,
        MaxDepth = OutputSchemaJson.Options.MaxDepth,
        SkipValidation = true,
    };

    /// <summary>The bytes of the last document written; valid until the next write.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    /// <summary>Serializes <paramref name="evt"/> in place of the previous document.</summary>
    public ReadOnlyMemory<byte> Write(RunEvent evt) => Write(evt, OutputSchemaJson.TypeInfo.RunEvent);

    /// <summary>Serializes <paramref name="snapshot"/> in place of the previous document.</summary>
    public ReadOnlyMemory<byte> Write(CompactionSnapshot snapshot) => Write(snapshot, OutputSchemaJson.TypeInfo.CompactionSnapshot);

    private ReadOnlyMemory<byte> Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, value, typeInfo);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }
}
