using System;
using System.Globalization;

namespace Alexandria.Server;

/// <summary>
/// One byte range of a <c>Range</c> header (RFC 9110 §14.1.2) against content of a known length: <c>bytes=first-last</c>,
/// <c>bytes=first-</c> or <c>bytes=-suffix</c>. Another unit, or several ranges, is ignored (the whole content is sent, as
/// the RFC allows); a malformed <c>bytes</c> range or one that starts past the end is unsatisfiable (416).
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>
    /// The range <paramref name="header"/> asks for within <paramref name="contentLength"/> bytes: null for the whole
    /// content, or why it cannot be satisfied.
    /// </summary>
    public static ByteRange? Parse(string? header, long contentLength, out string? unsatisfiable)
    {
        unsatisfiable = null;
        const string Unit = "bytes=";
        if (string.IsNullOrWhiteSpace(header) || !header.TrimStart().StartsWith(Unit, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var spec = header.TrimStart()[Unit.Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            unsatisfiable = $"Range '{Shorten(header)}' is not 'bytes=first-last', 'bytes=first-' or 'bytes=-suffix'.";
            return null;
        }
        var first = spec[..dash];
        var last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            if (!Digits(last, out var suffix) || suffix == 0)
            {
                unsatisfiable = $"Range '{Shorten(header)}' needs a positive suffix length ('bytes=-500').";
                return null;
            }
            if (contentLength == 0)
            {
                unsatisfiable = "The content is empty: no byte range can be satisfied.";
                return null;
            }
            var length = Math.Min(suffix, contentLength);
            return new ByteRange(contentLength - length, length);
        }
        if (!Digits(first, out var start) || (last.Length > 0 && !Digits(last, out _)))
        {
            unsatisfiable = $"Range '{Shorten(header)}' has a position that is not a non-negative 64-bit integer.";
            return null;
        }
        long end = contentLength - 1;
        if (last.Length > 0)
        {
            Digits(last, out end);
            if (end < start)
            {
                unsatisfiable = $"Range '{Shorten(header)}' ends before it starts.";
                return null;
            }
        }
        if (start >= contentLength)
        {
            unsatisfiable = $"Range '{Shorten(header)}' starts at byte {start}, but the content has {contentLength} bytes.";
            return null;
        }
        end = Math.Min(end, contentLength - 1);
        return new ByteRange(start, end - start + 1);
    }

    private static bool Digits(string text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return text.Length > 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Shorten(string header) => header.Length <= 100 ? header : header[..100] + "…";
}
