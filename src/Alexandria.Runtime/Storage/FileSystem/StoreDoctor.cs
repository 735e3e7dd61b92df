using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Alexandria.Runtime.Storage.FileSystem;

/// <summary>What <see cref="StoreDoctor"/> found wrong with one place of an embedded store.</summary>
public enum StoreFindingKind
{
    /// <summary>An append that never finished; harmless, the next writer of that stream trims it.</summary>
    TornTail,

    /// <summary>Damaged records with acknowledged data after them: the run refuses writes until it is dealt with.</summary>
    Corruption,

    /// <summary>An object whose bytes no longer hash to its name.</summary>
    Tampered,

    /// <summary>An entry the store did not write (a folder that is not a valid run id, say); ignored by the store.</summary>
    Stray,
}

/// <summary>One finding: which run, which file (and offset), what is wrong.</summary>
public sealed record StoreFinding(string? RunId, StoreFindingKind Kind, string Path, long? Offset, string Message)
{
    /// <summary>True for findings that make a run unusable until they are dealt with.</summary>
    public bool IsDamage => Kind is StoreFindingKind.Corruption or StoreFindingKind.Tampered;
}

/// <summary>
/// Checks every byte of an embedded store — every record of every segment log, every object's hash — and
/// can move damaged runs aside (quarantine) so the rest of the store is usable; it never deletes or trims.
/// Run it while nothing else writes to the store.
/// </summary>
public static class StoreDoctor
{
    private static readonly string[] Streams = ["events", "snapshots", "artifacts"];

    /// <summary>Checks the store at <paramref name="rootDirectory"/> and returns every finding, in a stable order.</summary>
    public static IReadOnlyList<StoreFinding> Check(string rootDirectory)
    {
        var findings = new List<StoreFinding>();
        string runs = Path.Combine(Path.GetFullPath(rootDirectory), "runs");
        if (!Directory.Exists(runs))
        {
            return findings;
        }

        foreach (string runDirectory in Directory.EnumerateDirectories(runs).Order(StringComparer.Ordinal))
        {
            string runId = Path.GetFileName(runDirectory);
            if (!StorageNames.IsValidRunId(runId))
            {
                findings.Add(new StoreFinding(null, StoreFindingKind.Stray, runDirectory, null,
                    $"'{runId}' is not a run id the store writes; the store ignores it."));
                continue;
            }

            foreach (string stream in Streams)
            {
                CheckStream(runId, Path.Combine(runDirectory, stream), stream, findings);
            }

            CheckObjects(runId, Path.Combine(runDirectory, "objects"), findings);
        }

        return findings;
    }

    /// <summary>
    /// Moves each run with damage to <c>&lt;root&gt;/quarantine/&lt;run_id&gt;-&lt;UTC time&gt;/</c> (every byte kept, with a
    /// <c>QUARANTINED.txt</c> saying why) and returns where each went.
    /// </summary>
    public static IReadOnlyList<(string RunId, string MovedTo)> Quarantine(string rootDirectory, IEnumerable<StoreFinding> findings, DateTimeOffset now)
    {
        string root = Path.GetFullPath(rootDirectory);
        var moved = new List<(string, string)>();
        foreach (var run in findings.Where(f => f.IsDamage && f.RunId is not null).GroupBy(f => f.RunId!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string source = Path.Combine(root, "runs", run.Key);
            string target = Path.Combine(root, "quarantine", run.Key + "-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            DurableFile.CreateDirectoryDurably(Path.GetDirectoryName(target)!);
            Directory.Move(source, target);
            File.WriteAllLines(Path.Combine(target, "QUARANTINED.txt"), run.Select(f => $"{f.Kind}: {f.Path}{(f.Offset is { } o ? " @" + o : "")}: {f.Message}"));
            moved.Add((run.Key, target));
        }

        if (moved.Count > 0)
        {
            // A process that has the store open keeps an in-memory map of every run's artifact ids; the bump tells it
            // the moved runs' ids are gone.
            RegistrationGeneration.Bump(root);
        }

        return moved;
    }

    private static void CheckStream(string runId, string directory, string name, List<StoreFinding> findings)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        using var log = new SegmentLog(directory, name, long.MaxValue);
        try
        {
            log.Refresh(repair: false, static (_, _) => true);
            if (log.TornTail is { } torn)
            {
                findings.Add(new StoreFinding(runId, StoreFindingKind.TornTail, torn.Path, torn.Offset,
                    torn.Reason + "; the next append to this run trims it."));
            }
        }
        catch (StorageCorruptedException ex)
        {
            findings.Add(new StoreFinding(runId, StoreFindingKind.Corruption, ex.FilePath ?? directory, ex.Offset, ex.Message));
        }
    }

    private static void CheckObjects(string runId, string directory, List<StoreFinding> findings)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (DurableFile.IsTempFile(name))
            {
                continue;
            }

            if (!StorageNames.IsSha256(name))
            {
                findings.Add(new StoreFinding(runId, StoreFindingKind.Stray, file, null, "not an object the store wrote; ignored."));
                continue;
            }

            using FileStream stream = PortableFileReplace.OpenSharedRead(file);
            string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, name, StringComparison.Ordinal))
            {
                findings.Add(new StoreFinding(runId, StoreFindingKind.Tampered, file, null, $"its bytes hash to {actual}, not to its name."));
            }
        }
    }
}
