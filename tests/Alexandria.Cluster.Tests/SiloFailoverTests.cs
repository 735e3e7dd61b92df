using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Storage.Postgres;
using Alexandria.Runtime.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// Three real silo processes on loopback over one throwaway PostgreSQL: agent runs (scripted model, counted
/// non-idempotent tool) spread over the silos by their grains; throughput is measured with 1, 2 and 3 silos, then two
/// silos are SIGKILLed one after the other mid-run. Every run must finish with a gapless log, one observation per
/// call, no side effect twice, and snapshots that replay; the killed silos — and only they — end up dead in the
/// membership table. <c>ALEXANDRIA_CLUSTER_RUNS</c> sets the runs per batch (default 12 for failover, 6 per throughput batch; the issue's soak is 100).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloFailoverTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private const int ThroughputSteps = 6;
    private const int FailoverSteps = 12;
    private const int FailoverModelDelayMs = 40;
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs of the failover batch: 12 in CI, <c>ALEXANDRIA_CLUSTER_RUNS</c> for a soak.</summary>
    private static int RunsPerBatch => int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_CLUSTER_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : 12;

    /// <summary>Runs of each throughput batch: half the failover batch by default (keeps CI near a minute and a half).</summary>
    private static int ThroughputRuns => Environment.GetEnvironmentVariable("ALEXANDRIA_CLUSTER_RUNS") is { Length: > 0 } ? RunsPerBatch : RunsPerBatch / 2;

    [Fact]
    public async Task Runs_finish_exactly_once_while_two_of_three_silos_are_killed_mid_run()
    {
        var postgres = await cluster.CreateDatabaseAsync("cluster");
        var root = Directory.CreateTempSubdirectory("alx-cluster-").FullName;
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<SiloProcess>();
        var allRuns = new List<string>();
        await using var store = (PostgresRuntimeStore)await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root, PostgresConnectionString = postgres });
        var queue = new AgentRunQueue(store.DataSource);
        var probe = new ClusterProbe(store.DataSource);
        try
        {
            // Throughput with 1, 2 and 3 silos: each batch starts once the next silo has joined.
            for (var count = 1; count <= 3; count++)
            {
                silos.Add(await SiloProcess.StartAsync(root, postgres, clusterId, Path.Combine(root, $"effects-{count}.txt"), JoinTimeout));
                var runs = Enumerable.Range(0, ThroughputRuns).Select(i => $"tp{count}-{i:D3}").ToArray();
                allRuns.AddRange(runs);
                var cpuBefore = silos.Select(s => ProcFs.CpuTime(s.Pid) ?? TimeSpan.Zero).ToArray();
                var started = DateTimeOffset.UtcNow;
                await EnqueueAsync(queue, runs, ThroughputSteps, modelDelayMs: 0);
                await probe.WaitFinishedAsync(runs, TimeSpan.FromSeconds(60 + (ThroughputRuns * 3)), () => Describe(silos));
                var wall = DateTimeOffset.UtcNow - started;
                var (events, seconds) = await probe.EventRateAsync(runs);
                var cpu = silos.Select((s, i) => ((ProcFs.CpuTime(s.Pid) ?? TimeSpan.Zero) - cpuBefore[i]).TotalSeconds / wall.TotalSeconds * 100);
                output.WriteLine($"{count} silo(s): {runs.Length} runs, {events} events in {seconds:F2} s = {events / seconds:F0} events/s; CPU per silo: {string.Join(", ", cpu.Select(c => $"{c:F0} %"))}");
            }

            // Failover: long runs, then SIGKILL the silo driving most of them, wait until its runs append again elsewhere,
            // and do it again with one of the two left.
            var failover = Enumerable.Range(0, RunsPerBatch).Select(i => $"fo-{i:D3}").ToArray();
            allRuns.AddRange(failover);
            await EnqueueAsync(queue, failover, FailoverSteps, FailoverModelDelayMs);
            // An order no silo can build ends at once, saying why, instead of circling the cluster.
            Assert.True(await queue.EnqueueAsync(new AgentRunOrder("bad-profile", "x", "no-such-profile")));
            await probe.WaitMidRunAsync(failover, minEvents: 12, TimeSpan.FromSeconds(90), () => Describe(silos));
            var slowest = TimeSpan.Zero;
            var killTimes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            for (var kill = 1; kill <= 2; kill++)
            {
                var owned = await probe.UnfinishedByOwnerAsync(failover);
                var victim = silos.Where(s => !s.Killed).OrderByDescending(s => owned.GetValueOrDefault(s.Address)?.Count ?? 0).First();
                var victimRuns = owned.GetValueOrDefault(victim.Address) ?? [];
                Assert.True(victimRuns.Count > 0, $"kill {kill}: no silo drives an unfinished run\n{Describe(silos)}");
                var killedAt = await victim.KillAsync();
                killTimes[victim.Address] = killedAt;
                var declaredDead = probe.WaitDeclaredDeadAsync(clusterId, victim.Address, killedAt, TimeSpan.FromSeconds(60));
                var resumed = await probe.WaitResumedAsync(victimRuns, killedAt, TimeSpan.FromSeconds(120), () => Describe(silos));
                var ordered = resumed.OrderBy(t => t).ToArray();
                var detectedBy = silos.Count(s => !s.Killed && s.Output.Contains($"every connect to silo S{victim.Address.Replace('@', ':')}", StringComparison.Ordinal));
                output.WriteLine($"kill {kill} at {killedAt:HH:mm:ss.fff} UTC: silo {victim.Address} with {victimRuns.Count} runs; declared dead after {(await declaredDead).TotalSeconds:F2} s "
                    + $"({(detectedBy > 0 ? $"fast detector on {detectedBy} silo(s)" : "Orleans' probes")}); "
                    + $"SIGKILL → next append of each: min {ordered[0].TotalSeconds:F2} s, median {ordered[ordered.Length / 2].TotalSeconds:F2} s, max {ordered[^1].TotalSeconds:F2} s");
                slowest = ordered[^1] > slowest ? ordered[^1] : slowest;
                await Task.Delay(500);
            }
            await probe.WaitFinishedAsync(failover, TimeSpan.FromSeconds(120 + (RunsPerBatch * 3)), () => Describe(silos));
            await probe.WaitFinishedAsync(["bad-profile"], TimeSpan.FromSeconds(30), () => Describe(silos));
            Assert.StartsWith("Refused: Unknown agent profile 'no-such-profile'", Assert.Single(await probe.OutcomesAsync(["bad-profile"])), StringComparison.Ordinal);

            var interrupted = 0;
            foreach (var run in allRuns)
            {
                interrupted += await VerifyRunAsync(store, run, root, run.StartsWith("fo-", StringComparison.Ordinal) ? FailoverSteps : ThroughputSteps);
            }
            Assert.All(await probe.OutcomesAsync(allRuns), outcome => Assert.Equal("Completed", outcome));
            output.WriteLine($"{allRuns.Count} runs verified; {interrupted} interrupted note calls reported instead of repeated.");
            // Votes against silos that were alive are printed, not asserted: one vote evicts no one (eviction is asserted below).
            output.WriteLine($"false suspicions (probe votes against live silos): {await probe.FalseSuspicionsAsync(clusterId, killTimes)}");

            // Default probing (5 s × 3 missed) takes ~11 s; the tuned cluster must stay well under that even on a loaded
            // machine. Checked after the runs are verified, so a slow soak still reports whether anything was lost or repeated.
            Assert.True(slowest < TimeSpan.FromSeconds(10), $"a run of a killed silo resumed only after {slowest.TotalSeconds:F1} s");

            // The two killed silos were declared dead; the one left was never evicted (probing did not misjudge it under load).
            var membership = await probe.MembershipAsync(clusterId);
            foreach (var silo in silos)
            {
                Assert.Equal(silo.Killed ? 6 : 3, membership[silo.Address]);
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
            SaveLogs(silos);
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>With <c>ALEXANDRIA_CLUSTER_LOGS=&lt;dir&gt;</c>, each silo's timestamped output goes to a file there (where a failover spent its time).</summary>
    private static void SaveLogs(List<SiloProcess> silos)
    {
        if (Environment.GetEnvironmentVariable("ALEXANDRIA_CLUSTER_LOGS") is not { Length: > 0 } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        foreach (var silo in silos)
        {
            File.WriteAllText(Path.Combine(directory, $"silo-{silo.Port}{(silo.Killed ? "-killed" : "")}.log"), silo.Output);
        }
    }

    private static async Task EnqueueAsync(AgentRunQueue queue, IEnumerable<string> runs, int steps, int modelDelayMs)
    {
        foreach (var run in runs)
        {
            Assert.True(await queue.EnqueueAsync(new AgentRunOrder(run, "Write a note on every even step and search on every odd one.", $"counting-notes:{steps}:{modelDelayMs}")));
        }
    }

    /// <summary>
    /// The run's log is gapless, every call was announced once and observed once, each note's side effect happened at
    /// most once and only for a call the log announced, and every snapshot replays. Returns the note calls a resume
    /// reported as interrupted (effect unknown) instead of running again.
    /// </summary>
    private static async Task<int> VerifyRunAsync(IRuntimeStore store, string runId, string root, int steps)
    {
        var events = new List<RunEvent>();
        await foreach (var logged in new TypedEventLog(store.Events, store.Objects).ReadRangeAsync(runId))
        {
            Assert.Equal(events.Count + 1, logged.Seq);
            events.Add(logged.Event);
        }

        var acts = events.OfType<ActEvent>().ToList();
        Assert.Equal(steps, acts.Count);
        Assert.Equal(acts.Count, acts.Select(a => a.Payload.CallId).Distinct().Count());
        Assert.Equal(acts.Select(a => a.Payload.CallId), events.OfType<ToolCallStartedEvent>().Select(s => s.Payload.CallId));
        var observes = events.OfType<ObserveEvent>().ToList();
        Assert.Equal(acts.Select(a => a.Payload.CallId), observes.Select(o => o.Payload.CallId));

        var notes = acts.Where(a => a.Payload.ToolName == "record_note").Select(a => runId + "/" + a.Payload.CallId).ToHashSet();
        var lines = Directory.GetFiles(root, "effects-*.txt").SelectMany(File.ReadAllLines).Where(l => l.StartsWith(runId + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.All(lines, line => Assert.Contains(line, notes));
        var interrupted = observes.Count(o => o.Payload.Summary.Contains("was not run again", StringComparison.Ordinal));
        Assert.True(lines.Count + interrupted >= notes.Count, $"{runId}: a note call neither ran nor was reported");

        var replay = await new SnapshotReplayer(store, new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 6 } }).VerifyAsync(runId);
        Assert.True(replay.Verified, $"{runId}: {string.Join("; ", replay.Mismatches.Select(m => m.Reason))}");
        Assert.True(replay.SnapshotsChecked > 0, $"{runId} was never compacted");
        return interrupted;
    }

    private static string Describe(IEnumerable<SiloProcess> silos)
        => string.Join("\n", silos.Select(s => $"--- silo {s.Address} (port {s.Port}, killed {s.Killed}):\n{Tail(s.Output)}"));

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
