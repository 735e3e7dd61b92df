using System;
using System.Buffers;
using System.Text.Json;
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
    public ReadOnlyMemory<byte> Write(RunEvent evt)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, evt, OutputSchemaJson.TypeInfo.RunEvent);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>Serializes <paramref name="snapshot"/> in place of the previous document.</summary>
    public ReadOnlyMemory<byte> Write(CompactionSnapshot snapshot)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, snapshot, OutputSchemaJson.TypeInfo.CompactionSnapshot);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }
}
