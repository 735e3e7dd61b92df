using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;

namespace Alexandria.Runtime.Tests.Infrastructure;

/// <summary>
/// Everything the crash hosts acknowledged (their ack files), by SHA-256 of the bytes: after any kill and
/// recovery, each acknowledged event, snapshot and artifact must be there with exactly those bytes.
/// </summary>
public sealed class AcknowledgedWrites
{
    private readonly Dictionary<long, string> _events = new();
    private readonly Dictionary<Guid, string> _snapshots = new();
    private readonly Dictionary<Guid, string> _artifacts = new();

    public int Count => _events.Count + _snapshots.Count + _artifacts.Count;

    /// <summary>Reads every ack file in <paramref name="directory"/>; a last line cut short by the kill is not an acknowledgement.</summary>
    public static AcknowledgedWrites Read(string directory)
    {
        var acks = new AcknowledgedWrites();
        foreach (string file in Directory.EnumerateFiles(directory, "*.acks").Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(file);
            string[] lines = text.Split('\n');
            foreach (string line in lines.Take(lines.Length - 1))
            {
                acks.Add(line.Split(' '), file);
            }
        }

        return acks;
    }

    private void Add(string[] fields, string file)
    {
        string hash = fields[2];
        switch (fields[0])
        {
            case "e":
                long seq = long.Parse(fields[1], CultureInfo.InvariantCulture);
                Assert.True(!_events.TryGetValue(seq, out string? other) || other == hash, $"seq {seq} was acknowledged twice with different bytes (a fork), last in {file}");
                _events[seq] = hash;
                break;
            case "s":
                _snapshots[Guid.Parse(fields[1])] = hash;
                break;
            case "a":
                _artifacts[Guid.Parse(fields[1])] = hash;
                break;
            default:
                Assert.Fail($"unknown acknowledgement '{string.Join(' ', fields)}' in {file}");
                break;
        }
    }

    /// <summary>Asserts every acknowledged write of <paramref name="run"/> survived byte for byte.</summary>
    public async Task AssertSurvivedAsync(IRuntimeStore store, string run, string when)
    {
        IReadOnlyList<StoredEvent> events = await store.Events.ReadAsync(run, 1, int.MaxValue);
        foreach ((long seq, string hash) in _events)
        {
            Assert.True(seq <= events.Count, $"{when}: acknowledged event {seq} was lost (the log ends at {events.Count})");
            Assert.True(Sha256(events[(int)seq - 1].Json) == hash, $"{when}: acknowledged event {seq} came back with other bytes");
        }

        Dictionary<Guid, StoredSnapshot> snapshots = (await store.Snapshots.GetHistoryAsync(run)).ToDictionary(s => s.SnapshotId);
        foreach ((Guid id, string hash) in _snapshots)
        {
            Assert.True(snapshots.TryGetValue(id, out StoredSnapshot? snapshot), $"{when}: acknowledged snapshot {id} was lost");
            Assert.True(Sha256(snapshot!.Json) == hash, $"{when}: acknowledged snapshot {id} came back with other bytes");
        }

        Dictionary<Guid, ArtifactMetadata> artifacts = (await store.Artifacts.FindByRunAsync(run)).ToDictionary(a => a.ArtifactId);
        foreach ((Guid id, string hash) in _artifacts)
        {
            Assert.True(artifacts.TryGetValue(id, out ArtifactMetadata? artifact), $"{when}: acknowledged artifact {id} was lost");
            Assert.True(Sha256(await store.ReadArtifactAsync(artifact!)) == hash, $"{when}: acknowledged artifact {id} came back with other bytes");
        }
    }

    private static string Sha256(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
}
