using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// Starts two crash hosts (child processes appending events, snapshots and artifacts to the same run
/// in a loop, retrying on conflicts), SIGKILLs both at a random moment once they are appending,
/// reopens the store and checks that everything is whole or absent, the log gapless, nothing
/// committed lost, the latest snapshot pointer resolvable, and every snapshot a compaction committed
/// followed by its compaction events, and every write a host acknowledged still there with the same bytes
/// (SHA-256 taken at acknowledgement). 25 rounds: 50 kills per backend (more with ALEXANDRIA_CRASH_ROUNDS).
/// </summary>
public abstract class CrashSafetyTests : StoreTestBase
{
    // 25 rounds (50 kills) per backend in CI; the reliability soak sets ALEXANDRIA_CRASH_ROUNDS (docs/reliability.md).
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_CRASH_ROUNDS"), out int rounds) && rounds > 0 ? rounds : 25;
    private const int ChildrenPerRound = 2;
    private readonly ITestOutputHelper _output;
    private readonly string _acks = Directory.CreateTempSubdirectory("alx-acks-").FullName;

    protected CrashSafetyTests(StoreBackend backend, ITestOutputHelper output)
        : base(backend)
    {
        _output = output;
    }

    [Fact]
    public async Task Killing_writers_mid_append_fifty_times_leaves_a_whole_gapless_log_and_a_resolvable_latest_snapshot()
    {
        string run = NewRunId();
        var random = new Random(20250101);
        RecoveredRun previous = RecoveredRun.Empty;
        int killedWithProgress = 0;
        int compactionsChecked = 0;
        int acknowledgedWrites = 0;
        var stopwatch = Stopwatch.StartNew();

        TimeSpan inChild = TimeSpan.Zero;
        for (int kill = 0; kill < Rounds; kill++)
        {
            TimeSpan started = stopwatch.Elapsed;
            await RunAndKillAsync(run, seed: kill * ChildrenPerRound, delayMs: random.Next(20, 151));
            inChild += stopwatch.Elapsed - started;

            await using IRuntimeStore reopened = await OpenAnotherStoreAsync();
            RecoveredRun recovered = await RecoveredRun.AssertWholeAsync(reopened, run, previous, $"kill {kill}");
            killedWithProgress += recovered.LastSeq > previous.LastSeq ? 1 : 0;
            compactionsChecked += recovered.CompactionsChecked;

            AcknowledgedWrites acknowledged = AcknowledgedWrites.Read(_acks);
            await acknowledged.AssertSurvivedAsync(reopened, run, $"kill {kill}");
            acknowledgedWrites = acknowledged.Count;
            previous = recovered;
        }

        _output.WriteLine(
            $"{Rounds * ChildrenPerRound} kills in {stopwatch.Elapsed.TotalSeconds:0.0}s ({inChild.TotalSeconds:0.0}s starting and killing children); {previous.LastSeq} events, {previous.Snapshots} snapshots; " +
            $"{killedWithProgress} of {Rounds} rounds made progress before the kill; {compactionsChecked} compaction commits checked whole; {acknowledgedWrites} acknowledged writes found byte for byte");
        Assert.True(killedWithProgress >= Rounds / 2, $"only {killedWithProgress} of {Rounds} rounds appended anything before the kill");
    }

    private async Task RunAndKillAsync(string run, int seed, int delayMs)
    {
        Process[] children = await Task.WhenAll(Enumerable.Range(seed, ChildrenPerRound).Select(s =>
            CrashHosts.StartAsync(Root, run, s, Options.PostgresConnectionString, Path.Combine(_acks, $"{s}.acks"))));
        try
        {
            await Task.Delay(delayMs);
            foreach (Process child in children.Where(c => c.HasExited))
            {
                Assert.Fail($"crash host stopped by itself (exit {child.ExitCode}): {await child.StandardError.ReadToEndAsync()}");
            }
        }
        finally
        {
            await CrashHosts.KillAsync(children);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_acks, recursive: true);
    }
}

public sealed class FileSystemCrashSafetyTests : CrashSafetyTests
{
    public FileSystemCrashSafetyTests(ITestOutputHelper output)
        : base(StoreBackend.FileSystem, output)
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashSafetyTests : CrashSafetyTests
{
    public PostgresCrashSafetyTests(PostgresCluster cluster, ITestOutputHelper output)
        : base(StoreBackend.Postgres(cluster), output)
    {
    }
}
