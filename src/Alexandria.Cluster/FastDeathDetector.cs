using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Alexandria.Cluster;

/// <summary>What one check of a peer found, and whether it declared the peer dead.</summary>
/// <param name="Peer">The active silo at the endpoint; null when no active peer listens there (nothing was checked).</param>
/// <param name="Verdict">What the connects said; null when nothing was checked.</param>
/// <param name="Declared">True when this check asked the membership to declare the peer dead.</param>
public sealed record PeerCheck(SiloAddress? Peer, PeerVerdict? Verdict, bool Declared);

/// <summary>
/// Declares a SIGKILLed silo dead in a fraction of a second instead of after Orleans' missed probes and votes. Its
/// trigger is Orleans' own: when a silo-to-silo connection ends (a dead process's kernel closes it at once), the
/// detector connects to that peer's silo endpoint a few times; only if every connect is refused — nothing listens
/// there, so the process is gone — and the peer is still an active member does it call
/// <see cref="IClusterMembershipService.TryKill"/>, the public API Orleans' own Kubernetes agent uses when a silo's pod
/// is gone. A paused or saturated silo still accepts connects (its kernel does the handshake), and a timeout or an
/// unreachable host decides nothing: both stay with Orleans' probes, indirect probes and votes. docs/cluster.md.
/// </summary>
public sealed partial class FastDeathDetector(IServiceProvider services, ILocalSiloDetails local, ClusterSettings settings, ILogger<FastDeathDetector> logger)
{
    /// <summary>Refused connects that make a peer gone.</summary>
    internal const int Attempts = 3;

    /// <summary>Between the connects: a peer restarting its listener (it never does while a silo runs) gets this long to answer.</summary>
    internal static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);

    /// <summary>A connect not answered within this is <see cref="PeerVerdict.Unknown"/>.</summary>
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<IPEndPoint, byte> _checking = new();
    private IClusterMembershipService? _membership;

    // Resolved on first use: the connection middleware is built inside Orleans' networking, which membership depends on.
    private IClusterMembershipService Membership => _membership ??= services.GetRequiredService<IClusterMembershipService>();

    /// <summary>Middleware for Orleans' outbound silo connections: when one ends, the peer it went to is checked.</summary>
    public ConnectionDelegate WatchOutbound(ConnectionDelegate next) => Watch(next, "outbound", CheckPeerAsync);

    /// <summary>
    /// Middleware for inbound connections from other silos. Orleans sends both ways over whichever connection two silos
    /// opened first, so a silo may hold no outbound connection to a peer at all. An inbound connection comes from the
    /// peer's ephemeral port, not its silo endpoint, so every active peer at that address is checked (a live one answers
    /// the first connect).
    /// </summary>
    public ConnectionDelegate WatchInbound(ConnectionDelegate next)
        => Watch(next, "inbound", from => Task.WhenAll(ActivePeers().Where(p => p.Endpoint.Address.Equals(from.Address)).Select(p => CheckPeerAsync(p.Endpoint))));

    private ConnectionDelegate Watch(ConnectionDelegate next, string direction, Func<IPEndPoint, Task> check) => async context =>
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            LogConnectionEnded(logger, direction, context.RemoteEndPoint);
            if (context.RemoteEndPoint is IPEndPoint endpoint)
            {
                _ = Task.Run(() => check(endpoint));
            }
        }
    };

    /// <summary>
    /// What the detector does when a connection to <paramref name="endpoint"/> ends: connect, judge, and declare the
    /// active silo there dead when its process is gone. One check per endpoint at a time; a second caller gets a
    /// <see cref="PeerCheck"/> with nothing checked.
    /// </summary>
    public async Task<PeerCheck> CheckPeerAsync(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!settings.FastDeathDetection || ActivePeerAt(endpoint) is not { } peer || !_checking.TryAdd(endpoint, 0))
        {
            return new PeerCheck(null, null, false);
        }
        try
        {
            var verdict = await PeerEndpointProbe.ProbeAsync(endpoint, Attempts, Spacing, ConnectTimeout, CancellationToken.None).ConfigureAwait(false);
            if (verdict != PeerVerdict.Gone)
            {
                LogPeerAnswered(logger, peer, verdict);
                return new PeerCheck(peer, verdict, false);
            }

            // Read the table before judging: a silo shutting down gracefully closes its listener after it has said so
            // there, and must be left to finish (TryKill would make it kill itself on its way out).
            await Membership.Refresh().ConfigureAwait(false);
            if (ActivePeerAt(endpoint) is not { } stillActive || !stillActive.Equals(peer))
            {
                return new PeerCheck(peer, verdict, false);
            }
            LogDeclaringDead(logger, peer, Attempts);
            await Membership.TryKill(peer).ConfigureAwait(false);
            return new PeerCheck(peer, verdict, true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckFailed(logger, e, endpoint);
            return new PeerCheck(peer, null, false);
        }
        finally
        {
            _checking.TryRemove(endpoint, out _);
        }
    }

    /// <summary>The active silo other than this one listening at <paramref name="endpoint"/>, while this silo is active itself.</summary>
    private SiloAddress? ActivePeerAt(IPEndPoint endpoint) => ActivePeers().FirstOrDefault(p => p.Endpoint.Equals(endpoint));

    /// <summary>The active silos other than this one, while this silo is active itself (a silo on its way out judges no one).</summary>
    private SiloAddress[] ActivePeers()
    {
        var members = Membership.CurrentSnapshot.Members;
        if (!members.TryGetValue(local.SiloAddress, out var self) || self.Status != SiloStatus.Active)
        {
            return [];
        }
        return members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fast death detection: every connect to silo {Silo} was refused ({Attempts} in a row), so its process is gone; declaring it dead")]
    private static partial void LogDeclaringDead(ILogger logger, SiloAddress silo, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fast death detection: a connection to silo {Silo} ended, but its endpoint answered {Verdict}; left to Orleans' probes")]
    private static partial void LogPeerAnswered(ILogger logger, SiloAddress silo, PeerVerdict verdict);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fast death detection: an {Direction} silo connection with {Endpoint} ended")]
    private static partial void LogConnectionEnded(ILogger logger, string direction, EndPoint? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fast death detection: checking {Endpoint} failed; left to Orleans' probes")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, IPEndPoint endpoint);
}
