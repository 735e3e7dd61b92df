using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
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
        long previousLastSeq = 0;
        int previousSnapshots = 0;
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
            long lastSeq = await reopened.Events.GetLastSeqAsync(run);
            Assert.True(lastSeq >= previousLastSeq, $"kill {kill}: committed events were lost ({previousLastSeq} -> {lastSeq})");
            killedWithProgress += lastSeq > previousLastSeq ? 1 : 0;

            IReadOnlyList<StoredEvent> events = await reopened.Events.ReadAsync(run, 1, int.MaxValue);
            Assert.Equal(lastSeq, events.Count);
            for (int i = 0; i < events.Count; i++)
            {
                Assert.Equal(i + 1, events[i].Seq);
                AssertWhole(events[i].Json, "seq", events[i].Seq);
            }

            StoredSnapshot? latest = await reopened.Snapshots.GetLatestAsync(run);
            IReadOnlyList<StoredSnapshot> history = await reopened.Snapshots.GetHistoryAsync(run);
            Assert.True(history.Count >= previousSnapshots, $"kill {kill}: committed snapshots were lost");
            if (history.Count > 0)
            {
                Assert.NotNull(latest);
                Assert.Equal(history[^1].SnapshotId, latest!.SnapshotId);
                Assert.True(latest.LastSeq <= lastSeq, "the latest snapshot covers events that are not in the log");
                for (int i = 0; i < history.Count; i++)
                {
                    Assert.Equal(i == 0 ? null : history[i - 1].SnapshotId, history[i].ParentSnapshotId);
                    Assert.Equal(i == 0 ? 1 : history[i - 1].LastSeq + 1, history[i].FirstSeq);
                    using JsonDocument document = JsonDocument.Parse(history[i].Json);
                    Assert.Equal(history[i].SnapshotId, document.RootElement.GetProperty("snapshot_id").GetGuid());
                    Assert.Equal(document.RootElement.GetProperty("pad_length").GetInt32(), document.RootElement.GetProperty("pad").GetString()!.Length);
                    if (document.RootElement.GetProperty("via_compaction").GetBoolean())
                    {
                        // A compaction is one unit: its snapshot never exists without the events that record it.
                        long covered = history[i].LastSeq;
                        Assert.True(covered + 2 <= lastSeq, $"kill {kill}: snapshot {history[i].SnapshotId} committed by a compaction lacks its events");
                        Assert.Equal(("compaction_started", "compaction_finished"), (events[(int)covered].Kind, events[(int)covered + 1].Kind));
                        compactionsChecked++;
                    }
                }
            }
            else
            {
                Assert.Null(latest);
            }

            AcknowledgedWrites acknowledged = AcknowledgedWrites.Read(_acks);
            await acknowledged.AssertSurvivedAsync(reopened, run, $"kill {kill}");
            acknowledgedWrites = acknowledged.Count;
            previousLastSeq = lastSeq;
            previousSnapshots = history.Count;

            foreach (ArtifactMetadata artifact in await reopened.Artifacts.FindByRunAsync(run))
            {
                Assert.Equal(artifact.SizeBytes, (await reopened.ReadArtifactAsync(artifact)).LongLength);
            }
        }

        _output.WriteLine(
            $"{Rounds * ChildrenPerRound} kills in {stopwatch.Elapsed.TotalSeconds:0.0}s ({inChild.TotalSeconds:0.0}s starting and killing children); {previousLastSeq} events, {previousSnapshots} snapshots; " +
            $"{killedWithProgress} of {Rounds} rounds made progress before the kill; {compactionsChecked} compaction commits checked whole; {acknowledgedWrites} acknowledged writes found byte for byte");
        Assert.True(killedWithProgress >= Rounds / 2, $"only {killedWithProgress} of {Rounds} rounds appended anything before the kill");
    }

    private static void AssertWhole(ReadOnlyMemory<byte> json, string seqProperty, long seq)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(seq, root.GetProperty(seqProperty).GetInt64());
        Assert.Equal(root.GetProperty("pad_length").GetInt32(), root.GetProperty("pad").GetString()!.Length);
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
