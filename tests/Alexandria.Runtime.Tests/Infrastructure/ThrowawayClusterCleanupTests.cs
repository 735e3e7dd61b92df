using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL cluster (tests/Shared/PostgresCluster.cs) must not outlive its test process: an aborted
/// test run used to leave running servers and their data directories in the system temp. Each test starts clusters
/// from child processes and ends those the ways a test host ends.
/// </summary>
public sealed class ThrowawayClusterCleanupTests
{
    [Fact]
    public async Task A_cluster_whose_owner_was_SIGKILLed_is_reaped_by_the_next_start_and_a_live_owners_cluster_is_not()
    {
        Task<HeldCluster> startingOrphan = CrashHosts.StartClusterHolderAsync();
        HeldCluster live = await CrashHosts.StartClusterHolderAsync();
        HeldCluster orphan = await startingOrphan;
        try
        {
            orphan.Owner.Kill();
            await orphan.Owner.WaitForExitAsync();

            // pg_ctl detached the server: without the reaper it would run on, and its directory stay, for good.
            Assert.True(ProcFs.IsAlive(orphan.Postmaster), "the killed owner's server should outlive it (that is the leak)");
            Assert.True(Directory.Exists(orphan.RootDirectory));

            await using (var next = new PostgresCluster())
            {
                await next.InitializeAsync();
                Assert.True(Directory.Exists(next.RootDirectory));
            }

            // Another test run on this machine may have reaped it first; either way it is gone.
            await WaitUntilGoneAsync(orphan);

            Assert.True(ProcFs.IsAlive(live.Postmaster), "a cluster whose owner lives must be left alone");
            Assert.True(File.Exists(Path.Combine(live.RootDirectory, "data", "PG_VERSION")));
            Assert.DoesNotContain(live.RootDirectory, await PostgresCluster.ReapAbandonedAsync());

            // Its owner disposes it as a fixture does.
            live.Owner.StandardInput.Close();
            await live.Owner.WaitForExitAsync();
            Assert.Equal(0, live.Owner.ExitCode);
            await WaitUntilGoneAsync(live);
        }
        finally
        {
            await CrashHosts.KillAsync([orphan.Owner, live.Owner]);
        }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task An_owner_stopped_by_a_signal_takes_its_cluster_along(string signal)
    {
        HeldCluster held = await CrashHosts.StartClusterHolderAsync();
        try
        {
            using (Process kill = Process.Start("kill", ["-s", signal, held.Owner.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await held.Owner.WaitForExitAsync(timeout.Token);

            // Ctrl-C (SIGINT) runs Console.CancelKeyPress; SIGTERM and SIGHUP their own registrations: each stops and deletes.
            Assert.False(ProcFs.IsAlive(held.Postmaster), $"SIG{signal} left the server running");
            Assert.False(Directory.Exists(held.RootDirectory), $"SIG{signal} left {held.RootDirectory}");
        }
        finally
        {
            await CrashHosts.KillAsync([held.Owner]);
        }
    }

    [Fact]
    public async Task A_directory_without_an_owner_file_is_reaped_only_once_it_is_old_and_no_server_runs_in_it()
    {
        string old = Directory.CreateTempSubdirectory("alx-pg-").FullName;
        string fresh = Directory.CreateTempSubdirectory("alx-pg-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(old, "server.log"), "left by a run from before owner files");
            Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow - PostgresCluster.UnmarkedMinimumAge - TimeSpan.FromMinutes(1));

            var reaped = await PostgresCluster.ReapAbandonedAsync();

            Assert.False(Directory.Exists(old));
            Assert.True(Directory.Exists(fresh), "a fresh directory may be a cluster in initdb");
            Assert.DoesNotContain(fresh, reaped);
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    private static async Task WaitUntilGoneAsync(HeldCluster cluster)
    {
        var deadline = Stopwatch.StartNew();
        while (ProcFs.IsAlive(cluster.Postmaster) || Directory.Exists(cluster.RootDirectory))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"{cluster.RootDirectory} (postmaster {cluster.Postmaster}) is still there");
            await Task.Delay(50);
        }
    }
}
