using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Alexandria.Cluster;

/// <summary>What a few TCP connects to a peer's silo endpoint say about its process.</summary>
public enum PeerVerdict
{
    /// <summary>A connect was accepted: something listens there (a silo that is slow, paused or busy is still this).</summary>
    Alive,

    /// <summary>Every connect was refused: nothing listens there any more, so the silo process is gone.</summary>
    Gone,

    /// <summary>A connect timed out or failed otherwise (host unreachable, no route): the host may be down or cut off; not ours to judge.</summary>
    Unknown,
}

/// <summary>
/// Tells a dead silo process from a busy one with plain TCP connects. When a process dies, its kernel closes its
/// listening socket and answers connects with a reset at once (ECONNREFUSED); a process that is alive but paused, GC-bound
/// or starved still has its socket, and its kernel completes the handshake into the accept queue without the process
/// running at all. A full accept queue drops the connect (a timeout), never refuses it. So only "refused, every time"
/// means gone; anything slow or odd is <see cref="PeerVerdict.Unknown"/> and left to Orleans' probes and votes.
/// </summary>
public static class PeerEndpointProbe
{
    /// <summary>
    /// Connects <paramref name="attempts"/> times, <paramref name="spacing"/> apart, each given
    /// <paramref name="connectTimeout"/>; stops at the first answer that is not a refusal. Blocking, and on purpose: the
    /// detector runs it on its own thread, so a silo whose thread pool is saturated still judges in ~2 × spacing.
    /// </summary>
    public static PeerVerdict Probe(IPEndPoint endpoint, int attempts, TimeSpan spacing, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                Thread.Sleep(spacing);
            }
            var verdict = ConnectOnce(endpoint, connectTimeout);
            if (verdict != PeerVerdict.Gone)
            {
                return verdict;
            }
        }
        return PeerVerdict.Gone;
    }

    private static PeerVerdict ConnectOnce(IPEndPoint endpoint, TimeSpan timeout)
    {
        // Non-blocking connect and a bounded wait: a blocking connect to a host that drops SYNs would hang for minutes.
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        try
        {
            socket.Connect(endpoint);
            // Closed straight away: the silo sees a connection that ends before its preamble and drops it.
            return PeerVerdict.Alive;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The handshake is under way: the socket turns writable (connected) or errors (refused) when it ends.
        }
        catch (SocketException e)
        {
            return Judge(e.SocketErrorCode);
        }
        if (!socket.Poll(timeout, SelectMode.SelectWrite) && !socket.Poll(TimeSpan.Zero, SelectMode.SelectError))
        {
            return PeerVerdict.Unknown;
        }
        return Judge((SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!);
    }

    private static PeerVerdict Judge(SocketError error) => error switch
    {
        SocketError.Success => PeerVerdict.Alive,
        SocketError.ConnectionRefused => PeerVerdict.Gone,
        _ => PeerVerdict.Unknown,
    };
}
