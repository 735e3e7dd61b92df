using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

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

    /// <summary>Turns stored columns back into the original bytes, verifying offloaded ones by hash.</summary>
    public static async Task<ReadOnlyMemory<byte>> ResolveAsync(
        IObjectStore objects, string runId, string? inline, string? sha256, CancellationToken cancellationToken)
    {
        if (inline is not null)
        {
            return StrictUtf8.GetBytes(inline);
        }

        if (sha256 is null)
        {
            throw new StorageCorruptedException($"A row of run '{runId}' has neither an inline payload nor a pointer.");
        }

        return await objects.ReadAsync(runId, sha256, cancellationToken).ConfigureAwait(false);
    }
}
