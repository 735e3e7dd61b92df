using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Benchmarks;

/// <summary>
/// A loopback TCP relay in front of PostgreSQL that reads the wire protocol both ways and counts what a client really
/// does: round trips (a client write that starts after the server's last ReadyForQuery: the client waited for an
/// answer before sending it), ReadyForQuery messages, bytes each way, and the statements sent (simple-query text,
/// Parse text, and the prepared statement each Bind names). Connections through it must not ask for TLS or GSS
/// encryption (<c>SSL Mode=Disable</c>), so the first client message is the untyped startup message.
/// </summary>
internal sealed class WireCounter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = new();
    private readonly object _gate = new();
    private readonly List<string> _statements = new();
    private long _roundTrips;
    private long _readyForQuery;
    private long _bytesToServer;
    private long _bytesToClient;

    public WireCounter(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _tasks.Add(AcceptAsync());
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What was counted since the last <see cref="Reset"/>.</summary>
    public (long RoundTrips, long ReadyForQuery, long BytesToServer, long BytesToClient, IReadOnlyList<string> Statements) Snapshot()
    {
        lock (_gate)
        {
            return (_roundTrips, _readyForQuery, _bytesToServer, _bytesToClient, _statements.ToArray());
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _roundTrips = _readyForQuery = _bytesToServer = _bytesToClient = 0;
            _statements.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var server = new TcpClient { NoDelay = true };
            client.NoDelay = true;
            await server.ConnectAsync(IPAddress.Loopback, _upstreamPort).ConfigureAwait(false);
            var connection = new Connection();
            lock (_gate)
            {
                _tasks.Add(PumpAsync(client, server, toServer: true, connection));
                _tasks.Add(PumpAsync(server, client, toServer: false, connection));
            }
        }
    }

    /// <summary>Per-connection protocol state: the parsers of both directions and whether the server is idle.</summary>
    private sealed class Connection
    {
        public MessageReader FromClient { get; } = new(startup: true);

        public MessageReader FromServer { get; } = new(startup: false);

        public bool ServerIdle { get; set; } = true;
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toServer, Connection connection)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                lock (_gate)
                {
                    if (toServer)
                    {
                        _bytesToServer += read;
                        if (connection.ServerIdle)
                        {
                            _roundTrips++;
                            connection.ServerIdle = false;
                        }

                        connection.FromClient.Feed(buffer.AsSpan(0, read), (type, body) => OnClientMessage(type, body));
                    }
                    else
                    {
                        _bytesToClient += read;
                        connection.FromServer.Feed(buffer.AsSpan(0, read), (type, _) =>
                        {
                            if (type == (byte)'Z')
                            {
                                _readyForQuery++;
                                connection.ServerIdle = true;
                            }
                        });
                    }
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // A closed side ends the relay of this connection.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private void OnClientMessage(byte type, ReadOnlySpan<byte> body)
    {
        switch ((char)type)
        {
            case 'Q':
                _statements.Add("Query: " + Text(body, 0, out _));
                break;
            case 'P':
                var name = Text(body, 0, out var next);
                _statements.Add($"Parse {(name.Length == 0 ? "(unnamed)" : name)}: " + Text(body, next, out _));
                break;
            case 'B':
                Text(body, 0, out var afterPortal);
                var statement = Text(body, afterPortal, out _);
                _statements.Add("Bind " + (statement.Length == 0 ? "(unnamed)" : statement));
                break;
            case 'd':
                // COPY data: one line per message would drown the list.
                break;
            default:
                _statements.Add(((char)type).ToString());
                break;
        }
    }

    private static string Text(ReadOnlySpan<byte> body, int start, out int next)
    {
        var end = body[start..].IndexOf((byte)0);
        end = end < 0 ? body.Length : start + end;
        next = Math.Min(body.Length, end + 1);
        var text = Encoding.UTF8.GetString(body[start..end]).ReplaceLineEndings(" ");
        while (text.Contains("  ", StringComparison.Ordinal))
        {
            text = text.Replace("  ", " ", StringComparison.Ordinal);
        }

        return text.Length > 160 ? text[..160] + "…" : text;
    }

    /// <summary>Splits a byte stream into protocol messages (type byte + big-endian length that counts itself).</summary>
    private sealed class MessageReader(bool startup)
    {
        private readonly List<byte> _pending = new();
        private bool _startup = startup;

        public void Feed(ReadOnlySpan<byte> data, Action<byte, ReadOnlySpan<byte>> onMessage)
        {
            _pending.AddRange(data.ToArray());
            var bytes = _pending.ToArray();
            var offset = 0;
            while (true)
            {
                var header = _startup ? 4 : 5;
                if (bytes.Length - offset < header)
                {
                    break;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + header - 4));
                var total = header - 4 + length;
                if (bytes.Length - offset < total)
                {
                    break;
                }

                if (_startup)
                {
                    _startup = false;
                }
                else
                {
                    onMessage(bytes[offset], bytes.AsSpan(offset + 5, length - 4));
                }

                offset += total;
            }

            _pending.RemoveRange(0, offset);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] tasks;
        lock (_gate)
        {
            tasks = _tasks.ToArray();
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A relay still blocked on a socket the pool keeps open: the process is ending anyway.
        }

        _stop.Dispose();
    }
}
