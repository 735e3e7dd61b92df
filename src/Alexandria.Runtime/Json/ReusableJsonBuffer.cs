using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Json;

/// <summary>
/// One growable buffer and one writer, reused for document after document: the bytes the generated converters
/// write (the same as <c>ToUtf8Json()</c>), without a new array per document. For loops that serialize many
/// documents and look at each only until the next one (replay compares each rebuilt snapshot, then moves on), or that
/// borrow this thread's spare one (<see cref="Rent"/>) for a document they only pass on. Not thread-safe; owned by one caller.
/// </summary>
internal sealed class ReusableJsonBuffer
{
    [ThreadStatic]
    private static ReusableJsonBuffer? t_spare;

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

    /// <summary>The bytes written since the last <see cref="Clear"/> or <c>Write</c>; valid until the next write.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>
    /// Takes this thread's spare buffer (a new one when there is none) out of its slot, so a nested taker gets one of its
    /// own; <see cref="Return"/> puts it back.
    /// </summary>
    public static ReusableJsonBuffer Rent()
    {
        var buffer = t_spare ?? new ReusableJsonBuffer();
        t_spare = null;
        return buffer;
    }

    /// <summary>Makes <paramref name="buffer"/> this thread's spare again (not kept after one large document grew it).</summary>
    public static void Return(ReusableJsonBuffer buffer)
    {
        if (buffer._buffer.Capacity <= 1 << 20)
        {
            t_spare = buffer;
        }
    }

    /// <summary>Empties the buffer, to <see cref="Append{T}(T, JsonTypeInfo{T})"/> documents one after the other.</summary>
    public void Clear() => _buffer.ResetWrittenCount();

    /// <summary>Serializes <paramref name="value"/> after what the buffer holds; returns where its document lies.</summary>
    public Range Append<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var start = _buffer.WrittenCount;
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, value, typeInfo);
        _writer.Flush();
        return start.._buffer.WrittenCount;
    }

    /// <summary>Serializes <paramref name="value"/> as its declared type with the contract options, in place of the previous document.</summary>
    public ReadOnlySpan<byte> Write<T>(T value)
    {
        Clear();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, value, OutputSchemaJson.Options);
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    private ReadOnlyMemory<byte> Write<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Clear();
        Append(value, typeInfo);
        return _buffer.WrittenMemory;
    }
}
