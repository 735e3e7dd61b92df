using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// The fast death detector in two real silo processes whose Orleans probing is slowed right down (5 s × 3 misses), so
/// whatever declares a silo dead within the test is the detector: a SIGSTOPped silo, checked again and again while it
/// is paused, is found alive and stays in; a SIGKILLed one is declared dead within seconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FastDeathDetectorTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_paused_silo_stays_in_and_a_killed_one_is_declared_dead_at_once()
    {
        var postgres = await cluster.CreateDatabaseAsync("detector");
        var root = Directory.CreateTempSubdirectory("alx-detector-").FullName;
        var clusterId = "detect-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<SiloProcess>();
        await using var store = (PostgresRuntimeStore)await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root, PostgresConnectionString = postgres });
        var probe = new ClusterProbe(store.DataSource);
        (string, string)[] slowOrleans = [("Alexandria__Cluster__ProbeTimeout", "00:00:05"), ("Alexandria__Cluster__MissedProbesLimit", "3")];
        try
        {
            var starting = new[]
            {
                SiloProcess.StartAsync(root, postgres, clusterId, Path.Combine(root, "effects-a.txt"), JoinTimeout, slowOrleans),
                SiloProcess.StartAsync(root, postgres, clusterId, Path.Combine(root, "effects-b.txt"), JoinTimeout, slowOrleans),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            var (a, b) = (silos[0], silos[1]);

            // Until a's membership view lists b as active, a check has no peer to judge.
            var deadline = DateTimeOffset.UtcNow + JoinTimeout;
            while (await a.CheckPeerAsync(b.Port, CheckTimeout) is "none False")
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "silo a never saw silo b active\n" + Describe(silos));
                await Task.Delay(200);
            }

            // Paused: every check (as if a's connection to b had just ended) connects, and b's kernel accepts for it.
            b.Pause();
            try
            {
                for (var i = 0; i < 4; i++)
                {
                    Assert.Equal("Alive False", await a.CheckPeerAsync(b.Port, CheckTimeout));
                    await Task.Delay(750);
                }
            }
            finally
            {
                b.Continue();
            }
            Assert.Equal(3, (await probe.MembershipAsync(clusterId))[b.Address]);

            // Killed: the kernel refuses connects to b's port at once; a's detector hears its connection end and declares b dead.
            var killedAt = await b.KillAsync();
            var declared = await probe.WaitDeclaredDeadAsync(clusterId, b.Address, killedAt, TimeSpan.FromSeconds(60));
            output.WriteLine($"paused silo kept; killed silo declared dead {declared.TotalSeconds:F2} s after SIGKILL (Orleans' own probing here: 5 s × 3 misses)");
            Assert.True(a.Output.Contains("Fast death detection: every connect to silo", StringComparison.Ordinal), "silo a's detector did not declare b dead\n" + Describe(silos));
            Assert.True(declared < TimeSpan.FromSeconds(5), $"declared dead only after {declared.TotalSeconds:F1} s\n{Describe(silos)}");
            Assert.Equal(3, (await probe.MembershipAsync(clusterId))[a.Address]);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Describe(IEnumerable<SiloProcess> silos)
        => string.Join("\n", silos.Select(s => $"--- silo {s.Address} (port {s.Port}, killed {s.Killed}):\n{s.Output}"));
}
