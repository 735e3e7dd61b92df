using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Alexandria.Runtime.Tests.Infrastructure;
using Alexandria.Server.Tests;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// <c>alexandria serve --cluster</c>: two server processes over one database form a cluster whose HTTP fronts route
/// every write of a run to the run's one grain; the plain <c>serve</c> never loads Orleans.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ServeClusterTests(PostgresCluster cluster)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_cluster_fronts_serve_one_run_through_its_grain_and_plain_serve_loads_no_orleans()
    {
        var postgres = await cluster.CreateDatabaseAsync("serve");
        var root = Directory.CreateTempSubdirectory("alx-serve-cluster-").FullName;
        var clusterId = "serve-" + Guid.NewGuid().ToString("N")[..8];
        string[] Cluster(int port) => ["--urls", "http://127.0.0.1:0", "--store", root, "--postgres", postgres, "--insecure-no-auth",
            "--cluster", "--cluster-id", clusterId, "--silo-port", port.ToString(CultureInfo.InvariantCulture), "--no-auto-compaction"];
        var servers = new List<ServeProcess>();
        try
        {
            // Started together: migrations run once under the advisory lock, and the two silos join each other as they come up.
            // These two run Orleans' distributed grain directory, the option (SiloFailoverTests runs the default one), so
            // every routed write below also shows that the option works.
            (string, string)[] distributedDirectory = [("Alexandria__Cluster__DistributedGrainDirectory", "true")];
            var starting = new[]
            {
                ServeProcess.StartAsync(StartTimeout, distributedDirectory, Cluster(FreePort())),
                ServeProcess.StartAsync(StartTimeout, distributedDirectory, Cluster(FreePort())),
                ServeProcess.StartAsync(StartTimeout, "--urls", "http://127.0.0.1:0", "--store", root, "--postgres", postgres, "--insecure-no-auth"),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                servers.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            using var a = new HttpClient { BaseAddress = servers[0].BaseAddress };
            using var b = new HttpClient { BaseAddress = servers[1].BaseAddress };

            const string runId = "clustered-run";
            Assert.Equal(201, (await a.PostAsync("/runs", new JsonObject { ["run_id"] = runId, ["objective"] = "Audit the docs." })).Code);
            Assert.Equal(200, (await a.PostAsync($"/runs/{runId}/events", Http.Batch(0, Http.Step(runId, 1, 1)))).Code);
            Assert.Equal(200, (await b.PostAsync($"/runs/{runId}/events", Http.Batch(3, Http.Step(runId, 4, 2)))).Code);

            // A stale writer through either front gets the typed conflict the grain answered.
            var stale = await b.PostAsync($"/runs/{runId}/events", Http.Batch(3, Http.Step(runId, 4, 3)));
            Http.AssertProblem(stale, 409, "/expected_seq");

            // Many writers racing for the same position through both fronts: exactly one wins.
            var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).PostAsync($"/runs/{runId}/events", Http.Batch(6, Http.Step(runId, 7, 3)))));
            Assert.Equal(1, racing.Count(r => r.Code == 200));
            Assert.All(racing.Where(r => r.Code != 200), r => Assert.Equal(409, r.Code));

            // Compaction on request, through the other front, and the log read back through the first.
            var compacted = await b.PostAsync($"/runs/{runId}/compactions", new JsonObject { ["trigger"] = "manual" });
            Assert.Equal(201, compacted.Code);
            var events = (await a.GetJsonAsync($"/runs/{runId}/events?limit=1000")).Body!["events"]!.AsArray();
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e!["seq"]!.GetValue<long>()));
            Assert.Contains(events, e => e!["kind"]!.GetValue<string>() == "compaction_finished");

            // Orleans is mapped into the cluster processes and not into the plain server (the check can tell them apart).
            Assert.Contains("Orleans.Runtime.dll", servers[0].MappedFiles, StringComparison.Ordinal);
            Assert.DoesNotContain("Orleans", servers[2].MappedFiles, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(string.Join("\n", servers.Select(s => "--- server:\n" + s.Output)), ex);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
