using System;
using System.Buffers;
using System.Text.Json;

namespace Alexandria.Runtime.Json;

/// <summary>
/// Writes a small JSON document through a per-thread <see cref="Utf8JsonWriter"/> and buffer and returns its exact bytes.
/// A <c>new Utf8JsonWriter(new MemoryStream())</c> costs a 4 KB staging buffer, the stream's growth and a copy every
/// time; the store's records, tool pages and artifact metadata are written that way several times per agent step.
/// </summary>
public static class PooledJsonWriter
{
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _scratch;

    /// <summary>The bytes <paramref name="write"/> writes (one JSON value). Not reentrant: <paramref name="write"/> must not call it.</summary>
    public static byte[] ToArray<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (buffer, writer) = _scratch ?? NewScratch();
        _scratch = null;
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= 1 << 20)
        {
            // Kept only after a clean write, and not when one large document grew it.
            _scratch = (buffer, writer);
        }

        return bytes;
    }

    /// <summary>
    /// Hands the bytes <paramref name="write"/> writes to <paramref name="use"/> where they lie, without copying them out
    /// (for a caller that only passes them on, as the store does with a record it appends). Not reentrant either.
    /// </summary>
    public static TResult Use<TState, TResult>(TState state, Action<Utf8JsonWriter, TState> write, Func<ReadOnlySpan<byte>, TState, TResult> use)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(use);
        var (buffer, writer) = _scratch ?? NewScratch();
        _scratch = null;
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        var result = use(buffer.WrittenSpan, state);
        if (buffer.Capacity <= 1 << 20)
        {
            _scratch = (buffer, writer);
        }

        return result;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewScratch()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer));
    }
}
