using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Testing;

/// <summary>
/// <c>CrashHost postgres-cluster</c>: starts a throwaway PostgreSQL cluster the way a test fixture does, prints
/// "cluster &lt;directory&gt; &lt;postmaster pid&gt;" and holds it until stdin closes (then disposes it like a fixture). The
/// parent test kills this process in the ways a test host dies (SIGKILL, SIGINT, SIGTERM) and checks what the
/// cluster's exit handlers and the next start's reaper leave behind.
/// </summary>
internal static class HeldCluster
{
    public static async Task<int> RunAsync()
    {
        await using var cluster = new PostgresCluster();
        await cluster.InitializeAsync();
        string pidFile = Path.Combine(cluster.RootDirectory!, "data", "postmaster.pid");
        int postmaster = int.Parse(File.ReadLines(pidFile).First().Trim(), CultureInfo.InvariantCulture);
        Console.Out.WriteLine($"cluster {cluster.RootDirectory} {postmaster}");
        Console.Out.Flush();
        await Console.In.ReadToEndAsync(CancellationToken.None);
        return 0;
    }
}
