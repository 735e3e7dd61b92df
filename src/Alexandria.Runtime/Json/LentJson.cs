using System;
using System.Buffers;
using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Json;

/// <summary>
/// Bytes in an array rented from the shared pool, lent to code that only passes them on (an event append, an object
/// put) and given back by <see cref="Dispose"/>. Whoever receives <see cref="Memory"/> may read it until then and must
/// copy what it keeps: after <see cref="Dispose"/> the array holds another document.
/// </summary>
public struct LentBytes : IDisposable
{
    private byte[]? _array;
    private readonly int _length;

    internal LentBytes(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    /// <summary>The bytes, valid until <see cref="Dispose"/>.</summary>
    public readonly ReadOnlyMemory<byte> Memory => _array is null ? default : _array.AsMemory(0, _length);

    /// <summary>Gives the array back to the pool (once; a second call does nothing).</summary>
    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

/// <summary>
/// Contract documents serialized by the generated converters — the same bytes as <c>ToUtf8Json()</c> and
/// <c>JsonSerializer.SerializeToUtf8Bytes(value, OutputSchemaJson.Options)</c> — into a rented array instead of a new one
/// (<see cref="LentBytes"/>). For documents that are validated and handed to the store, which copies them: the agent
/// loop's verbose events and handoff packets were a new array each, several per step, thrown away after the write.
/// </summary>
public static class LentJson
{
    /// <summary>Serializes <paramref name="value"/> as its declared type <typeparamref name="T"/> into a rented array.</summary>
    public static LentBytes Serialize<T>(T value)
    {
        var scratch = ReusableJsonBuffer.Rent();
        try
        {
            return Lend(scratch.Write(value));
        }
        finally
        {
            ReusableJsonBuffer.Return(scratch);
        }
    }

    /// <summary>
    /// Serializes every event of <paramref name="events"/> one after the other into one rented array;
    /// <paramref name="ranges"/> receives where each one's document lies in it.
    /// </summary>
    internal static LentBytes SerializeEach(IReadOnlyList<RunEvent> events, Span<Range> ranges)
    {
        var scratch = ReusableJsonBuffer.Rent();
        try
        {
            scratch.Clear();
            for (var i = 0; i < events.Count; i++)
            {
                ranges[i] = scratch.Append(events[i], OutputSchemaJson.TypeInfo.RunEvent);
            }

            return Lend(scratch.WrittenSpan);
        }
        finally
        {
            ReusableJsonBuffer.Return(scratch);
        }
    }

    private static LentBytes Lend(ReadOnlySpan<byte> written)
    {
        var array = ArrayPool<byte>.Shared.Rent(Math.Max(1, written.Length));
        written.CopyTo(array);
        return new LentBytes(array, written.Length);
    }
}
