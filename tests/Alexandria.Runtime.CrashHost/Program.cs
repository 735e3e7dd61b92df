using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

// Appends to one run forever: event batches, and between them snapshots (alone, or committed with
// the events that record them, as compaction does) and artifacts, so that a
// SIGKILL can land in the middle of any kind of write. Several hosts may append to the same run at
// once; they retry on conflicts like any writer. The parent test kills it and checks that the
// store reopens whole. Usage: CrashHost <root> <run id> <seed> [postgres connection string]
// (CrashHost postgres-cluster: see HeldCluster.)
// With ALEXANDRIA_CRASH_ACK_FILE set, every write is acknowledged there once its call returned — one line
// "e <seq> <sha256>", "s <snapshot id> <sha256>" or "a <artifact id> <sha256>" — so the parent can check the
// bytes of everything acknowledged after the kill. A line is written only after the commit; the kernel keeps
// it across a SIGKILL.
if (args is ["postgres-cluster"])
{
    return await HeldCluster.RunAsync();
}

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CrashHost <root> <run id> <seed> [postgres connection string]");
    return 2;
}

string root = args[0];
string? ackPath = Environment.GetEnvironmentVariable("ALEXANDRIA_CRASH_ACK_FILE");
using var acks = ackPath is null ? null : new StreamWriter(new FileStream(ackPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
string runId = args[1];
var random = new Random(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
await using IRuntimeStore store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions
{
    RootDirectory = root,
    PostgresConnectionString = args.Length > 3 ? args[3] : null,
});

for (long iteration = 0; ; iteration++)
{
    if (iteration == 1)
    {
        // Reported after the first commit, so the parent's kill lands among appends, not in start-up.
        Console.Out.WriteLine("appending");
        Console.Out.Flush();
    }

    try
    {
        await AppendOnceAsync(store, runId, random, iteration, acks);
    }
    catch (SequenceConflictException)
    {
        // Another crash host appended first: read the new end and go again.
    }
    catch (SnapshotConflictException)
    {
    }
}

static async Task AppendOnceAsync(IRuntimeStore store, string runId, Random random, long iteration, StreamWriter? acks)
{
    long last = await store.Events.GetLastSeqAsync(runId);
    int count = random.Next(1, 24);
    var events = new List<EventToAppend>(count);
    for (int i = 0; i < count; i++)
    {
        // Now and then a payload over the 64 KiB inline limit, so Postgres offloads it.
        int padding = random.Next(20) == 0 ? 70_000 : random.Next(0, 400);
        events.Add(new EventToAppend(last / 3, "tool_call_chunk", false, DateTimeOffset.UtcNow, CrashPayload.Event(last + 1 + i, padding)));
    }

    AppendedRange range = await store.Events.AppendAsync(runId, last, events);
    for (int i = 0; i < events.Count; i++)
    {
        acks?.WriteLine($"e {range.FirstSeq + i} {Sha256(events[i].Json)}");
    }

    if (iteration % 3 == 2)
    {
        StoredSnapshot? latest = await store.Snapshots.GetLatestAsync(runId);
        long first = latest is null ? 1 : latest.LastSeq + 1;
        long covered = await store.Events.GetLastSeqAsync(runId);
        if (covered >= first)
        {
            var snapshotId = Guid.NewGuid();
            bool compaction = iteration % 2 != 0;
            var snapshot = new StoredSnapshot(runId, snapshotId, latest?.SnapshotId, first, covered, DateTimeOffset.UtcNow, CrashPayload.Snapshot(snapshotId, first, covered, random.Next(0, 3000), compaction));
            if (!compaction)
            {
                await store.Snapshots.AppendAsync(snapshot, latest?.SnapshotId);
                acks?.WriteLine($"s {snapshotId} {Sha256(snapshot.Json)}");
            }
            else
            {
                // The compaction path: the snapshot and the events that record it, committed together.
                EventToAppend[] recording =
                [
                    new(covered / 3, "compaction_started", false, DateTimeOffset.UtcNow, CrashPayload.Event(covered + 1, random.Next(0, 400))),
                    new(covered / 3, "compaction_finished", false, DateTimeOffset.UtcNow, CrashPayload.Event(covered + 2, random.Next(0, 400))),
                ];
                await store.CommitCompactionAsync(snapshot, latest?.SnapshotId, covered, recording);
                acks?.WriteLine($"s {snapshotId} {Sha256(snapshot.Json)}");
                acks?.WriteLine($"e {covered + 1} {Sha256(recording[0].Json)}");
                acks?.WriteLine($"e {covered + 2} {Sha256(recording[1].Json)}");
            }
        }
    }

    if (iteration % 5 == 4)
    {
        byte[] content = new byte[random.Next(1, 200_000)];
        random.NextBytes(content);
        ArtifactMetadata artifact = await store.StoreArtifactAsync(runId, range.LastSeq / 3, $"outputs/blob-{range.LastSeq}-{Guid.NewGuid():N}.bin", "application/octet-stream", content);
        acks?.WriteLine($"a {artifact.ArtifactId} {Sha256(content)}");
    }
}

static string Sha256(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.Span));

/// <summary>The documents the crash host writes; the test checks each one is whole.</summary>
internal static class CrashPayload
{
    public static byte[] Event(long seq, int padding) =>
        Encoding.UTF8.GetBytes($"{{\"seq\":{seq},\"pad\":\"{new string('x', padding)}\",\"pad_length\":{padding}}}");

    public static byte[] Snapshot(Guid id, long first, long last, int padding, bool compaction) =>
        Encoding.UTF8.GetBytes($"{{\"snapshot_id\":\"{id}\",\"covered_seq\":{{\"first\":{first},\"last\":{last}}},\"via_compaction\":{(compaction ? "true" : "false")},\"pad\":\"{new string('y', padding)}\",\"pad_length\":{padding}}}");
}
