using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>Small JSON documents that carry enough to check they came back whole and in place.</summary>
public static class TestDocuments
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static byte[] EventJson(long seq, string tag = "", int padding = 0) =>
        Encoding.UTF8.GetBytes($"{{\"seq\":{seq},\"tag\":\"{tag}\",\"pad\":\"{new string('x', padding)}\"}}");

    public static EventToAppend Event(long seq, string tag = "", int padding = 0, bool counted = false, string kind = "plan_delta") =>
        new(seq / 3, kind, counted, Epoch.AddMilliseconds(seq), EventJson(seq, tag, padding));

    /// <summary>Events meant for seq <paramref name="firstSeq"/>.. in one batch.</summary>
    public static IReadOnlyList<EventToAppend> Batch(long firstSeq, int count, string tag = "") =>
        Enumerable.Range(0, count).Select(i => Event(firstSeq + i, tag, counted: (firstSeq + i) % 3 == 0)).ToList();

    public static StoredSnapshot Snapshot(string runId, Guid? parent, long firstSeq, long lastSeq, int padding = 0)
    {
        var id = Guid.NewGuid();
        byte[] json = Encoding.UTF8.GetBytes(
            $"{{\"snapshot_id\":\"{id}\",\"covered_seq\":{{\"first\":{firstSeq},\"last\":{lastSeq}}},\"pad\":\"{new string('y', padding)}\"}}");
        return new StoredSnapshot(runId, id, parent, firstSeq, lastSeq, Epoch.AddSeconds(lastSeq), json);
    }

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
