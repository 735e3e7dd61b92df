using System;

namespace Alexandria.Cluster;

/// <summary>
/// Configuration section <c>Alexandria:Cluster</c> (appsettings.json, <c>Alexandria__Cluster__SiloPort</c>, …; the
/// <c>serve --cluster</c> flags win). Defaults suit silos on one machine; see docs/cluster.md for the failover tuning.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section these settings bind from.</summary>
    public const string SectionName = "Alexandria:Cluster";

    /// <summary>PostgreSQL connection string of the membership table; the server's store database when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Silos with the same cluster id form one cluster (Orleans <c>ClusterOptions.ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "alexandria";

    /// <summary>Orleans <c>ClusterOptions.ServiceId</c>: stable across deployments of the same service.</summary>
    public string ServiceId { get; set; } = "alexandria";

    /// <summary>The address other silos reach this one at (and the only one it listens on).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; unique per silo on one machine.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (none are needed: the HTTP front is in the silo); 0 turns the gateway off.</summary>
    public int GatewayPort { get; set; }

    /// <summary>How often a silo probes others (Orleans default 5 s); with <see cref="MissedProbesLimit"/> it sets failover time.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another (Orleans default 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long a grain call waits for its answer (Orleans default 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo looks for agent runs no active silo drives (and wakes their grains).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Declare a silo dead as soon as its endpoint refuses connections (its process is gone) instead of after missed
    /// probes (<see cref="FastDeathDetector"/>). Turn off when something between silos answers connects to a live silo with
    /// resets (a firewall REJECT rule).
    /// </summary>
    public bool FastDeathDetection { get; set; } = true;

    /// <summary>
    /// Orleans' distributed grain directory (<c>AddDistributedGrainDirectory</c>, experimental in 10.4.2) instead of its
    /// default DHT directory, which deactivates every activation whose entry lived on a silo that died (a third of the
    /// survivors' own runs with three silos); the distributed one recovers those entries from the survivors and keeps the
    /// activations. Every silo of a cluster must use the same directory.
    /// </summary>
    public bool DistributedGrainDirectory { get; set; }

    /// <summary>Agent loops a silo resumes at once (reading the log back until their first new event); the rest wait, oldest first.</summary>
    public int ResumeConcurrency { get; set; } = 8;

    /// <summary>Throws for a value no cluster can run with, naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new ArgumentException($"{SectionName}:ClusterId and :ServiceId must not be empty.");
        }
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            throw new ArgumentException($"{SectionName}:AdvertisedAddress must be an IP address; '{AdvertisedAddress}' is not.");
        }
        if (SiloPort is < 1 or > 65535 || GatewayPort is < 0 or > 65535)
        {
            throw new ArgumentException($"{SectionName}:SiloPort must be 1-65535 and :GatewayPort 0-65535 (0: no gateway).");
        }
        if (ProbeTimeout <= TimeSpan.Zero || MissedProbesLimit < 1 || ResponseTimeout <= TimeSpan.Zero || SweepInterval <= TimeSpan.Zero || ResumeConcurrency < 1)
        {
            throw new ArgumentException($"{SectionName}: ProbeTimeout, ResponseTimeout and SweepInterval must be positive and MissedProbesLimit and ResumeConcurrency at least 1.");
        }
    }
}
