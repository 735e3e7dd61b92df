using System;
using System.Net;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Alexandria.Cluster;

/// <summary>
/// Makes a host a silo of the Alexandria cluster: ADO.NET membership on the store's PostgreSQL (tables from
/// migrations 0020/0021), the run grains, the agent-run queue and its sweeper, and the fast death detector.
/// </summary>
public static class ClusterHosting
{
    /// <summary>
    /// Adds the silo to <paramref name="builder"/>. <paramref name="store"/> must be a PostgreSQL store (already open, so
    /// its migrations, the membership tables among them, are applied before the silo joins).
    /// </summary>
    /// <exception cref="ArgumentException">The store is not PostgreSQL, or a setting is out of range.</exception>
    public static IHostApplicationBuilder AddAlexandriaSilo(this IHostApplicationBuilder builder, ClusterSettings settings, IRuntimeStore store, AlexandriaServerSettings serverSettings, IAgentRunFactory? agents = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (store is not PostgresRuntimeStore postgres)
        {
            throw new ArgumentException("A cluster needs the PostgreSQL store (--postgres): membership and the run queue live in that database.", nameof(store));
        }
        var connectionString = string.IsNullOrWhiteSpace(settings.ConnectionString) ? postgres.DataSource.ConnectionString : settings.ConnectionString;

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(new AgentRunQueue(postgres.DataSource));
        builder.Services.AddSingleton(sp => new RunWrites(store, serverSettings, TimeProvider.System, sp.GetRequiredService<ILogger<RunWrites>>()));
        builder.Services.AddSingleton<IAgentRunFactory>(agents ?? new NoAgentProfiles());
        builder.Services.AddSingleton<IRunWriter, GrainRunWriter>();
        builder.Services.AddSingleton<ResumeGate>();
        builder.Services.AddSingleton(_ => new MembershipStatusReader(connectionString, settings.ClusterId));
        builder.Services.AddSingleton(sp => new FastDeathDetector(
            sp, sp.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>(), settings, sp.GetRequiredService<MembershipStatusReader>(), sp.GetRequiredService<ILogger<FastDeathDetector>>()));
        // Every silo-to-silo connection passes through the detector, which hears when one ends (docs/cluster.md).
        builder.Services.AddOptions<SiloConnectionOptions>().Configure<FastDeathDetector>((options, detector) =>
        {
            options.ConfigureSiloOutboundConnection(connection => connection.Use(detector.WatchOutbound));
            options.ConfigureSiloInboundConnection(connection => connection.Use(detector.WatchInbound));
        });
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = settings.ProbeTimeout;
                options.NumMissedProbesLimit = settings.MissedProbesLimit;
            });
            silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = settings.ResponseTimeout);
            if (settings.DistributedGrainDirectory)
            {
                UseDistributedGrainDirectory(silo);
            }
        });
        // After UseOrleans: hosted services start in order, so the silo is up before the first sweep.
        builder.Services.AddHostedService<AgentRunSweeper>();
        return builder;
    }

    /// <summary>
    /// The distributed directory keeps the survivors' activations through a silo's death (docs/cluster.md). Orleans marks
    /// it experimental (ORLEANSEXP003: its API may change); it is the only directory that does not drop them, and the
    /// failover soak measures it (docs/scale.md), so the warning is silenced for this one call only.
    /// </summary>
    private static void UseDistributedGrainDirectory(ISiloBuilder silo)
    {
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        // After a silo dies ungracefully, Orleans by default holds a lease of tens of seconds on the directory ranges it
        // cannot recover a snapshot of (measured: 62 % of all grain ids, every run in them unable to activate for ~25 s)
        // so that a silo wrongly declared dead cannot be doubled by a new activation. A run does not need that: two
        // activations of one run write through the store's sequence check, so the second gets a conflict and stops before
        // its tool call (docs/cluster.md), as with the default directory, which has no lease at all.
        silo.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = TimeSpan.Zero);
    }

    /// <summary>A host that runs no agent loops (the plain <c>serve --cluster</c>): an order for it is refused by name.</summary>
    private sealed class NoAgentProfiles : IAgentRunFactory
    {
        public Agents.Loop.AgentRunner Create(IRuntimeStore store, AgentRunOrder order)
            => throw new ArgumentException($"Agent profile '{order.Profile}' is not registered on this silo; register an IAgentRunFactory with AddAlexandriaSilo.", nameof(order));
    }
}
