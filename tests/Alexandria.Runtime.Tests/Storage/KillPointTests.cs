using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// Deterministic kills (issue 15, items 2 and 18): for every named phase of the stores' writes
/// (<see cref="TestKillPoint"/>), a crash host appending events, snapshots, compaction commits and artifacts to one run
/// SIGKILLs itself exactly at that phase, the nth time it gets there (n varies from kill to kill, so the kills find the
/// run in different states); then the store is reopened and the run checked whole (<see cref="RecoveredRun"/>) and
/// every acknowledged write found byte for byte (<see cref="AcknowledgedWrites"/>). CI kills
/// <see cref="DefaultKillsPerPhase"/> times per phase; <c>ALEXANDRIA_KILL_POINT_KILLS=100</c> is the soak
/// (docs/reliability.md).
/// </summary>
public abstract class KillPointTests : StoreTestBase
{
    private const int DefaultKillsPerPhase = 2;

    private static readonly int KillsPerPhase =
        int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_KILL_POINT_KILLS"), out int kills) && kills > 0 ? kills : DefaultKillsPerPhase;

    private readonly ITestOutputHelper _output;
    private readonly string _acks = Directory.CreateTempSubdirectory("alx-kill-acks-").FullName;

    protected KillPointTests(StoreBackend backend, ITestOutputHelper output)
        : base(backend)
    {
        _output = output;
    }

    protected async Task Killing_at_the_phase_loses_nothing_acknowledged_and_the_run_reads_back_whole(string phase)
    {
        string run = NewRunId();
        string acks = Path.Combine(_acks, "host.acks");
        RecoveredRun recovered = RecoveredRun.Empty;
        int compactionsChecked = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int kill = 0; kill < KillsPerPhase; kill++)
        {
            // 1, 4, 2, 5, 3, …: the first time the phase is reached, and later ones, after snapshots and compactions exist.
            int nth = 1 + (kill * 3 % 5);
            string when = $"{phase}:{nth} (kill {kill + 1})";
            await CrashHosts.RunUntilKilledAtAsync(Root, run, seed: kill, Options.PostgresConnectionString, acks, $"{phase}:{nth}");

            await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
            recovered = await RecoveredRun.AssertWholeAsync(reopened, run, recovered, when);
            compactionsChecked += recovered.CompactionsChecked;
            await AcknowledgedWrites.Read(_acks).AssertSurvivedAsync(reopened, run, when);
        }

        AcknowledgedWrites all = AcknowledgedWrites.Read(_acks);
        _output.WriteLine(
            $"| {phase} | {KillsPerPhase} | {recovered.LastSeq} | {recovered.Snapshots} | {compactionsChecked} | {all.Count} | 0 | 0 | {stopwatch.Elapsed.TotalSeconds:0.0} s |");
        Assert.True(recovered.LastSeq > 0, $"{phase}: no event was ever appended, so the kills proved nothing");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_acks, recursive: true);
    }

    public static TheoryData<string> Phases(IEnumerable<string> phases)
    {
        var data = new TheoryData<string>();
        foreach (string phase in phases)
        {
            data.Add(phase);
        }

        return data;
    }
}

public sealed class FileSystemKillPointTests(ITestOutputHelper output) : KillPointTests(StoreBackend.FileSystem, output)
{
    public static TheoryData<string> FileSystemPhases => Phases(TestKillPoint.FileSystemPhases);

    [Theory]
    [MemberData(nameof(FileSystemPhases))]
    public Task Killed_at(string phase) => Killing_at_the_phase_loses_nothing_acknowledged_and_the_run_reads_back_whole(phase);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresKillPointTests(PostgresCluster cluster, ITestOutputHelper output) : KillPointTests(StoreBackend.Postgres(cluster), output)
{
    public static TheoryData<string> PostgresPhases => Phases(TestKillPoint.PostgresPhases);

    [Theory]
    [MemberData(nameof(PostgresPhases))]
    public Task Killed_at(string phase) => Killing_at_the_phase_loses_nothing_acknowledged_and_the_run_reads_back_whole(phase);
}
