using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

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
    /// <paramref name="connectTimeout"/>; stops at the first answer that is not a refusal.
    /// </summary>
    public static async Task<PeerVerdict> ProbeAsync(IPEndPoint endpoint, int attempts, TimeSpan spacing, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(spacing, cancellationToken).ConfigureAwait(false);
            }
            var verdict = await ConnectOnceAsync(endpoint, connectTimeout, cancellationToken).ConfigureAwait(false);
            if (verdict != PeerVerdict.Gone)
            {
                return verdict;
            }
        }
        return PeerVerdict.Gone;
    }

    private static async Task<PeerVerdict> ConnectOnceAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            // Closed straight away: the silo sees a connection that ends before its preamble and drops it.
            return PeerVerdict.Alive;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return PeerVerdict.Gone;
        }
        catch (SocketException)
        {
            return PeerVerdict.Unknown;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PeerVerdict.Unknown;
        }
    }
}
