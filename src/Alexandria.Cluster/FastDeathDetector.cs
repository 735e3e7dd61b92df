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
/// unreachable host decides nothing: both stay with Orleans' probes, indirect probes and votes. The checks run on the
/// detector's own thread, not the thread pool: the silos that must judge are the busy ones, and on a saturated pool each
/// await of a check waited hundreds of milliseconds for a thread. docs/cluster.md.
/// </summary>
public sealed partial class FastDeathDetector : IDisposable
{
    /// <summary>Refused connects that make a peer gone.</summary>
    internal const int Attempts = 3;

    /// <summary>Between the connects: a peer restarting its listener (it never does while a silo runs) gets this long to answer.</summary>
    internal static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(100);

    /// <summary>A connect not answered within this is <see cref="PeerVerdict.Unknown"/>.</summary>
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>A peer that answered is looked at once more after this (its process may have been dying as it answered).</summary>
    internal static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);

    /// <summary>After declaring (or finding) a peer dead, how long the detector sees to it that this silo's own view says so.</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How often it looks at this silo's view meanwhile (and re-reads the table when the view still lags).</summary>
    private static readonly TimeSpan ConfirmPoll = TimeSpan.FromMilliseconds(100);

    private readonly IServiceProvider _services;
    private readonly ILocalSiloDetails _local;
    private readonly ClusterSettings _settings;
    private readonly MembershipStatusReader _table;
    private readonly ILogger<FastDeathDetector> _logger;
    private readonly BlockingCollection<(IPEndPoint Endpoint, TaskCompletionSource<PeerCheck>? Answer)> _queue = new();
    private readonly ConcurrentDictionary<IPEndPoint, byte> _queued = new();
    private readonly Lazy<Thread> _thread;
    private IClusterMembershipService? _membership;

    internal FastDeathDetector(IServiceProvider services, ILocalSiloDetails local, ClusterSettings settings, MembershipStatusReader table, ILogger<FastDeathDetector> logger)
    {
        _services = services;
        _local = local;
        _settings = settings;
        _table = table;
        _logger = logger;
        _thread = new Lazy<Thread>(() =>
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "Alexandria fast death detector" };
            thread.Start();
            return thread;
        });
    }

    // Resolved on first use: the connection middleware is built inside Orleans' networking, which membership depends on.
    private IClusterMembershipService Membership => _membership ??= _services.GetRequiredService<IClusterMembershipService>();

    /// <summary>Middleware for Orleans' outbound silo connections: when one ends, the peer it went to is checked.</summary>
    public ConnectionDelegate WatchOutbound(ConnectionDelegate next) => Watch(next, "outbound", endpoint => Enqueue(endpoint, null));

    /// <summary>
    /// Middleware for inbound connections from other silos. Orleans sends both ways over whichever connection two silos
    /// opened first, so a silo may hold no outbound connection to a peer at all. An inbound connection comes from the
    /// peer's ephemeral port, not its silo endpoint, so every active peer at that address is checked (a live one answers
    /// the first connect).
    /// </summary>
    public ConnectionDelegate WatchInbound(ConnectionDelegate next)
        => Watch(next, "inbound", from =>
        {
            foreach (var peer in ActivePeers().Where(p => p.Endpoint.Address.Equals(from.Address)))
            {
                Enqueue(peer.Endpoint, null);
            }
        });

    /// <summary>
    /// The trigger is the transport's <c>ConnectionContext.ConnectionClosed</c>, which fires as soon as the socket's
    /// receive loop ends (a FIN, a reset, any socket error), before Orleans has wound the connection down; the end of the
    /// middleware chain is the fallback (the token's callback runs on the thread pool and may come after it). Whichever
    /// comes first triggers the check, once.
    /// </summary>
    private ConnectionDelegate Watch(ConnectionDelegate next, string direction, Action<IPEndPoint> check) => async context =>
    {
        var remote = context.RemoteEndPoint;
        var triggered = 0;
        void Ended()
        {
            if (Interlocked.Exchange(ref triggered, 1) == 0)
            {
                LogConnectionEnded(_logger, direction, remote);
                if (remote is IPEndPoint endpoint)
                {
                    check(endpoint);
                }
            }
        }

        // Not disposed with the connection: the token may fire after the chain has returned (the transport frees it).
        context.ConnectionClosed.Register(Ended);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Ended();
        }
    };

    /// <summary>
    /// What the detector does when a connection to <paramref name="endpoint"/> ends: connect, judge, and declare the
    /// active silo there dead when its process is gone. One check per endpoint at a time; a caller whose endpoint is
    /// already waiting for a check gets a <see cref="PeerCheck"/> with nothing checked.
    /// </summary>
    public Task<PeerCheck> CheckPeerAsync(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var answer = new TaskCompletionSource<PeerCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Enqueue(endpoint, answer) ? answer.Task : Task.FromResult(new PeerCheck(null, null, false));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _queue.CompleteAdding();
        if (_thread.IsValueCreated)
        {
            _thread.Value.Join(TimeSpan.FromSeconds(5));
        }
        _queue.Dispose();
    }

    private bool Enqueue(IPEndPoint endpoint, TaskCompletionSource<PeerCheck>? answer)
    {
        if (!_settings.FastDeathDetection || !_queued.TryAdd(endpoint, 0))
        {
            return false;
        }
        try
        {
            _ = _thread.Value;
            _queue.Add((endpoint, answer));
            return true;
        }
        catch (InvalidOperationException)
        {
            // The silo is stopping (adding completed).
            _queued.TryRemove(endpoint, out _);
            return false;
        }
    }

    private void Run()
    {
        foreach (var (endpoint, answer) in _queue.GetConsumingEnumerable())
        {
            _queued.TryRemove(endpoint, out _);
            var check = Check(endpoint);
            answer?.TrySetResult(check);
        }
    }

    private PeerCheck Check(IPEndPoint endpoint)
    {
        if (ActivePeerAt(endpoint) is not { } peer)
        {
            return new PeerCheck(null, null, false);
        }
        try
        {
            var verdict = PeerEndpointProbe.Probe(endpoint, Attempts, Spacing, ConnectTimeout);
            if (verdict != PeerVerdict.Gone)
            {
                // A process being torn down can end its connections while its listener still accepts (seen in a soak:
                // the connection ended 60 ms after SIGKILL, the connect was accepted, and Orleans' probes took 6 s more).
                // One more look a moment later costs a live peer one connect.
                Thread.Sleep(Recheck);
                verdict = PeerEndpointProbe.Probe(endpoint, Attempts, Spacing, ConnectTimeout);
            }
            if (verdict != PeerVerdict.Gone)
            {
                LogPeerAnswered(_logger, peer, verdict);
                return new PeerCheck(peer, verdict, false);
            }

            // Read the table before judging: a silo shutting down gracefully closes its listener after it has said so
            // there, and must be left to finish (TryKill would make it kill itself on its way out). Another silo's
            // detector may have declared it already; then this silo only needs to learn it.
            var status = _table.StatusOf(peer);
            var declare = status == SiloStatus.Active;
            if (declare)
            {
                LogDeclaringDead(_logger, peer, Attempts);
                Membership.TryKill(peer).GetAwaiter().GetResult();
            }
            if (declare || status == SiloStatus.Dead)
            {
                SeeDeadLocally(peer);
            }
            return new PeerCheck(peer, verdict, declare);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckFailed(_logger, e, endpoint);
            return new PeerCheck(peer, null, false);
        }
    }

    /// <summary>
    /// Waits until this silo's own membership view has the peer dead, re-reading the table while it lags. The view is
    /// what fails the calls still pending to the dead silo (Orleans breaks them on the change instead of letting them wait
    /// out the response timeout), re-routes its grain directory partition and wakes the sweep; TryKill only queues the
    /// write, and when two survivors declare at once the loser's write fails on the table version, so without a re-read
    /// it would learn only from gossip.
    /// </summary>
    private void SeeDeadLocally(SiloAddress peer)
    {
        var deadline = DateTime.UtcNow + ConfirmTimeout;
        while (!IsDeadLocally(peer) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(ConfirmPoll);
            if (!IsDeadLocally(peer))
            {
                try
                {
                    Membership.Refresh().AsTask().Wait(ConfirmPoll);
                }
                catch (AggregateException)
                {
                    // The table read failed; the next poll reads it again.
                }
            }
        }
        LogSeenDead(_logger, peer, IsDeadLocally(peer));
    }

    private bool IsDeadLocally(SiloAddress peer)
        => !Membership.CurrentSnapshot.Members.TryGetValue(peer, out var member) || member.Status == SiloStatus.Dead;

    /// <summary>The active silo other than this one listening at <paramref name="endpoint"/>, while this silo is active itself.</summary>
    private SiloAddress? ActivePeerAt(IPEndPoint endpoint) => ActivePeers().FirstOrDefault(p => p.Endpoint.Equals(endpoint));

    /// <summary>The active silos other than this one, while this silo is active itself (a silo on its way out judges no one).</summary>
    private SiloAddress[] ActivePeers()
    {
        var members = Membership.CurrentSnapshot.Members;
        if (!members.TryGetValue(_local.SiloAddress, out var self) || self.Status != SiloStatus.Active)
        {
            return [];
        }
        return members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(_local.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fast death detection: this silo's view has silo {Silo} dead: {Seen}")]
    private static partial void LogSeenDead(ILogger logger, SiloAddress silo, bool seen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fast death detection: every connect to silo {Silo} was refused ({Attempts} in a row), so its process is gone; declaring it dead")]
    private static partial void LogDeclaringDead(ILogger logger, SiloAddress silo, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fast death detection: a connection to silo {Silo} ended, but its endpoint answered {Verdict}; left to Orleans' probes")]
    private static partial void LogPeerAnswered(ILogger logger, SiloAddress silo, PeerVerdict verdict);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fast death detection: an {Direction} silo connection with {Endpoint} ended")]
    private static partial void LogConnectionEnded(ILogger logger, string direction, EndPoint? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fast death detection: checking {Endpoint} failed; left to Orleans' probes")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, IPEndPoint endpoint);
}
