using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Runtime.Storage.Postgres;

/// <summary>
/// The three payload columns of <c>events</c> and <c>snapshots</c>: the document inline as
/// <c>json</c> when it fits under the inline limit, otherwise a SHA-256 pointer into the run's
/// object store. <c>json</c> (not <c>jsonb</c>) keeps the document's exact text.
/// </summary>
internal readonly record struct PostgresPayload(string? Inline, string? Sha256, int SizeBytes)
{
    // Strict: a document that is not valid UTF-8 must fail loudly, not be altered by replacement characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Stores the bytes in the object store first when they are over the limit.</summary>
    public static async Task<PostgresPayload> PrepareAsync(
        IObjectStore objects, string runId, ReadOnlyMemory<byte> json, int inlineLimitBytes, CancellationToken cancellationToken)
    {
        if (json.Length > inlineLimitBytes)
        {
            ObjectPointer pointer = await objects.PutAsync(runId, json, cancellationToken).ConfigureAwait(false);
            return new PostgresPayload(null, pointer.Sha256, json.Length);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(json.Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArgumentException("The document is not valid UTF-8.", nameof(json), ex);
        }

        return new PostgresPayload(text, null, json.Length);
    }

    /// <summary>
    /// The original bytes of a row: its inline document as read (<see cref="ReadInline(NpgsqlDataReader, int, string)"/>),
    /// or the offloaded one from the object store, verified by hash.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ResolveAsync(
        IObjectStore objects, string runId, byte[]? inline, string? sha256, CancellationToken cancellationToken)
    {
        if (inline is not null)
        {
            return inline;
        }

        if (sha256 is null)
        {
            throw new StorageCorruptedException($"A row of run '{runId}' has neither an inline payload nor a pointer.");
        }

        return await objects.ReadAsync(runId, sha256, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The inline document of column <paramref name="ordinal"/> (a <c>json</c> column selected without a cast: PostgreSQL
    /// sends it as its UTF-8 text) as a new array of exactly its bytes: no intermediate string.
    /// </summary>
    public static byte[] ReadInline(NpgsqlDataReader reader, int ordinal, string runId)
    {
        using Stream column = reader.GetStream(ordinal);
        var bytes = new byte[checked((int)column.Length)];
        column.ReadExactly(bytes);
        CheckUtf8(bytes, runId);
        return bytes;
    }

    /// <summary>
    /// As <see cref="ReadInline(NpgsqlDataReader, int, string)"/> into <paramref name="buffer"/> (rented from the shared
    /// pool, replaced by a larger one when too small); returns the number of bytes read.
    /// </summary>
    public static int ReadInline(NpgsqlDataReader reader, int ordinal, string runId, ref byte[] buffer)
    {
        using Stream column = reader.GetStream(ordinal);
        int length = checked((int)column.Length);
        if (buffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }

        column.ReadExactly(buffer, 0, length);
        CheckUtf8(buffer.AsSpan(0, length), runId);
        return length;
    }

    // What ResolveAsync's strict decoder checks: a document that is not UTF-8 on the way out is damage, never altered.
    private static void CheckUtf8(ReadOnlySpan<byte> bytes, string runId)
    {
        if (!Utf8.IsValid(bytes))
        {
            throw new StorageCorruptedException($"A stored document of run '{runId}' is not valid UTF-8.");
        }
    }
}
