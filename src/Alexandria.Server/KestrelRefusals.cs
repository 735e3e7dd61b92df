using System;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Alexandria.Server;

/// <summary>
/// Kestrel refuses some requests while parsing them, before any middleware runs (a <c>%00</c> in the path, a
/// request line over <c>MaxRequestLineSize</c>: 414, headers over <c>MaxRequestHeadersTotalSize</c>: 431, an
/// unreadable or doubled <c>Content-Length</c>), and answers them with an empty body. This connection
/// middleware sits between Kestrel's HTTP/1.x layer and the socket, as TLS does, and gives exactly those
/// answers — a 4xx whose headers say <c>Content-Length: 0</c> and <c>Connection: close</c>, written in one
/// piece — the same <c>application/problem+json</c> body as every other refusal. Nothing else is changed.
/// </summary>
/// <remarks>
/// HTTP/2 refusals are stream resets or GOAWAY frames, which carry no body in any server; they are not rewritten.
/// </remarks>
public static partial class KestrelRefusals
{
    /// <summary>Adds the rewriting to every endpoint Kestrel listens on.</summary>
    public static void UseProblemRefusals(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            await using var output = new RefusalRewritingStream(transport.Output.AsStream(leaveOpen: true));
            var writer = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
            connection.Transport = new Pipe(transport.Input, writer);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                // The socket's own pipes are completed by the transport when the connection is disposed.
                await writer.CompleteAsync().ConfigureAwait(false);
                connection.Transport = transport;
            }
        }));
    }

    /// <summary>The status line and headers of Kestrel's own empty refusal (its header order: length, connection, then the rest).</summary>
    [GeneratedRegex(@"\AHTTP/1\.[01] (?<status>4[0-9]{2}) (?<reason>[^\r\n]*)\r\nContent-Length: 0\r\nConnection: close\r\n(?<rest>(?:[^\r\n]+\r\n)*)\r\n\z", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmptyRefusal();

    /// <summary>The refusal with a problem body, or null when <paramref name="written"/> is not one of Kestrel's empty refusals.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        // A refusal is a short header block; anything longer, or not starting like a status line, passes untouched.
        if (written.Length is < 40 or > 2048 || !written.StartsWith("HTTP/1."u8))
        {
            return null;
        }
        var match = EmptyRefusal().Match(Encoding.Latin1.GetString(written));
        if (!match.Success)
        {
            return null;
        }
        var status = int.Parse(match.Groups["status"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var reason = match.Groups["reason"].Value;
        var message = Explain(status, reason);
        var body = JsonSerializer.SerializeToUtf8Bytes(Problems.Create(status, reason.Length == 0 ? "Request refused" : reason, message,
            [Problems.Error("", "http", message)]), OutputSchemaJson.Options);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n{match.Groups["rest"].Value}\r\n";
        var answer = new byte[Encoding.Latin1.GetByteCount(head) + body.Length];
        var written2 = Encoding.Latin1.GetBytes(head, answer);
        body.CopyTo(answer.AsSpan(written2));
        return answer;
    }

    private static string Explain(int status, string reason) => status switch
    {
        414 => "The request line (method, path and query) is longer than the server accepts.",
        431 => "The request headers are larger than the server accepts.",
        _ => $"The HTTP request could not be parsed ({status} {reason}): an invalid request line, path (e.g. an encoded NUL), header or Content-Length.",
    };

    /// <summary>Passes every write through, except a lone empty refusal, which it replaces.</summary>
    private sealed class RefusalRewritingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var rewritten = Rewrite(buffer.Span);
            await inner.WriteAsync(rewritten ?? buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
