using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// A read-only window over an object whose bytes were checked against their SHA-256 when it was opened: the whole
/// object, or one byte range of it. Seekable within the window; disposing it closes the file.
/// </summary>
public sealed class ObjectReadStream : Stream
{
    private readonly Stream _inner;
    private long _position;

    /// <summary>Wraps <paramref name="inner"/> (seekable, already verified), exposing <paramref name="length"/> bytes from <paramref name="start"/>.</summary>
    public ObjectReadStream(Stream inner, string sha256, long start, long length)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        if (!inner.CanSeek)
        {
            throw new ArgumentException("The object stream must be seekable.", nameof(inner));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > inner.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The window {start}+{length} passes the end of the object ({inner.Length} bytes).");
        }
        _inner = inner;
        Sha256 = sha256;
        RangeStart = start;
        _position = 0;
        Length = length;
        TotalLength = inner.Length;
        _inner.Position = start;
    }

    /// <summary>The lowercase hex SHA-256 of the whole object (what was verified).</summary>
    public string Sha256 { get; }

    /// <summary>The size of the whole object.</summary>
    public long TotalLength { get; }

    /// <summary>Offset of this window in the object.</summary>
    public long RangeStart { get; }

    /// <summary>True when the window is less than the whole object.</summary>
    public bool IsPartial => RangeStart != 0 || Length != TotalLength;

    /// <summary>The same object, narrowed to <paramref name="length"/> bytes from <paramref name="start"/> (relative to the object); this stream hands its file over.</summary>
    public ObjectReadStream Slice(long start, long length) => new(_inner, Sha256, start, length);

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length { get; }

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer[..Allowed(buffer.Length)]);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        _position = target;
        _inner.Position = RangeStart + Math.Min(target, Length);
        return _position;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException("Objects are immutable.");

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Objects are immutable.");

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Allowed(int requested) => (int)Math.Max(0, Math.Min(requested, Length - _position));
}
