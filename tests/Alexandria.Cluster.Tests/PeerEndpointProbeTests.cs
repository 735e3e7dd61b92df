using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// The fast death detector's judgement on real sockets: only a refused connect means a silo's process is gone; a
/// listener that never accepts (a paused or starved process), and a full accept queue (a timeout) do not.
/// </summary>
public sealed class PeerEndpointProbeTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void A_listener_that_never_accepts_is_alive()
    {
        // What a SIGSTOPped silo looks like from outside: its socket listens, nothing in the process runs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);

        Assert.Equal(PeerVerdict.Alive, PeerEndpointProbe.Probe((IPEndPoint)listener.LocalEndPoint!, 3, Spacing, ConnectTimeout));
    }

    [Fact]
    public void A_port_nothing_listens_on_is_gone()
    {
        var endpoint = ClosedEndpoint();

        Assert.Equal(PeerVerdict.Gone, PeerEndpointProbe.Probe(endpoint, 3, Spacing, ConnectTimeout));
    }

    [Fact]
    public async Task A_full_accept_queue_is_not_judged()
    {
        // A silo too busy to accept: once its queue is full the kernel drops further connects (a timeout, never a refusal).
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var filling = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                filling.Add(socket);
                using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                try
                {
                    await socket.ConnectAsync(endpoint, quick.Token);
                }
                catch (OperationCanceledException)
                {
                    // The queue is full: this one hangs in SYN_SENT, as the probe's will.
                }
            }

            Assert.Equal(PeerVerdict.Unknown, PeerEndpointProbe.Probe(endpoint, 3, Spacing, ConnectTimeout));
        }
        finally
        {
            filling.ForEach(s => s.Dispose());
        }
    }

    /// <summary>A loopback endpoint that was listening a moment ago and no longer is (a killed process's port).</summary>
    private static IPEndPoint ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        return endpoint;
    }
}
