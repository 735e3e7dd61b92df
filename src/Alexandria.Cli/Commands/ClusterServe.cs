using System;
using Alexandria.Cluster;
using Alexandria.Runtime.Storage;
using Alexandria.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>serve --cluster</c>: the server process becomes a silo (src/Alexandria.Cluster) whose HTTP front routes run writes
/// to the runs' grains. Kept apart from <see cref="ServeCommand"/> so the Orleans assemblies load only when clustering is on.
/// </summary>
internal static class ClusterServe
{
    /// <summary>The host hook: <c>Alexandria:Cluster</c> from the host's configuration, then the command's flags.</summary>
    public static Action<WebApplicationBuilder, IRuntimeStore, AlexandriaServerSettings> Hook(int? siloPort, int? gatewayPort, string? clusterId)
        => (builder, store, settings) =>
        {
            var cluster = new ClusterSettings();
            builder.Configuration.GetSection(ClusterSettings.SectionName).Bind(cluster);
            cluster.SiloPort = siloPort ?? cluster.SiloPort;
            cluster.GatewayPort = gatewayPort ?? cluster.GatewayPort;
            cluster.ClusterId = clusterId ?? cluster.ClusterId;
            builder.AddAlexandriaSilo(cluster, store, settings);
        };
}
