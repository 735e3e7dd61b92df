using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Packets;
using Alexandria.Handoff.Preflight;

namespace Alexandria.Handoff.Bundles;

/// <summary>What closing a mission produced.</summary>
public sealed record ClosureResult(string BundlePath, string ManifestPath, IReadOnlyList<string> Entries, IReadOnlyList<string> PickupFiles)
{
    /// <summary>The line the human copies (the seed's form), on its own line.</summary>
    public string PathLine => "📦 Path: " + BundlePath;
}

/// <summary>
/// The pickup protocol: <c>artifacts/bundles/&lt;Mission&gt;_&lt;timestamp&gt;.zip</c> with the mission's REVIEW packets,
/// its COUNCIL and READINESS packets (by mission or by the review packets' lineage) with their evidence logs, and
/// the governance documents the mission modified; MANIFEST.md with hashes; the bundle and the review packets
/// copied to <c>artifacts/for_ceo/</c>. Nothing in <c>for_ceo/</c> is ever deleted or overwritten.
/// </summary>
public sealed class ClosureBundle
{
    private readonly HandoffWorkspace _workspace;

    public ClosureBundle(HandoffWorkspace workspace) => _workspace = workspace;

    /// <param name="baseRef">Governance docs changed since this commit are included (uncommitted changes always are).</param>
    public ClosureResult Close(string mission, string? baseRef)
    {
        var layout = _workspace.Layout;
        var packets = _workspace.Store.Valid();
        var reviews = packets.OfType<ReviewPacket>().Where(r => SameMission(r.Mission, mission)).ToList();
        if (reviews.Count == 0)
        {
            throw new HandoffException("no REVIEW packet for the mission '" + mission + "' yet: write the review first ('alexandria handoff packet review --mission \"" + mission + "\" …')");
        }

        var lineages = reviews.Select(r => r.LineageId).ToHashSet(StringComparer.Ordinal);
        bool Belongs(Packet p, string? packetMission) => packetMission is not null ? SameMission(packetMission, mission) : lineages.Contains(p.LineageId);
        var councils = packets.OfType<CouncilPacket>().Where(p => Belongs(p, p.Mission)).ToList();
        var readiness = packets.OfType<ReadinessPacket>().Where(p => Belongs(p, p.Mission)).ToList();

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var packet in reviews.Concat<Packet>(councils).Concat(readiness))
        {
            files.Add(layout.Relative(_workspace.Store.PathOf(packet.PacketId)));
        }

        foreach (var packet in readiness.Where(r => File.Exists(layout.Absolute(r.LogPath))))
        {
            files.Add(packet.LogPath);
        }

        foreach (var doc in ModifiedGovernanceDocs(baseRef))
        {
            files.Add(doc);
        }

        var entries = files.Select(f => new BundleEntry(f, File.ReadAllBytes(layout.Absolute(f)))).ToList();
        var stamp = _workspace.Now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(layout.Bundles);
        var bundlePath = Unused(Path.Combine(layout.Bundles, FileSafe(mission) + "_" + stamp + ".zip"));
        var manifest = Manifest.Render(mission, Path.GetFileName(bundlePath), _workspace.Now, entries);
        var zip = ReproducibleZip.Write(entries.Append(new BundleEntry(Manifest.EntryName, Encoding.UTF8.GetBytes(manifest))));
        WriteNew(bundlePath, zip);
        var manifestPath = Path.Combine(layout.Bundles, Manifest.EntryName);
        File.WriteAllText(manifestPath, Manifest.WithBundleHash(manifest, Hashing.Sha256(zip)));

        var pickup = new List<string> { CopyToPickup(bundlePath) };
        pickup.AddRange(reviews.Select(r => CopyToPickup(_workspace.Store.PathOf(r.PacketId))));
        return new ClosureResult(bundlePath, manifestPath, entries.Select(e => e.Name).Append(Manifest.EntryName).Order(StringComparer.Ordinal).ToList(), pickup);
    }

    /// <summary>Governance docs (config globs) changed since <paramref name="baseRef"/> or not yet committed, that exist now.</summary>
    private IEnumerable<string> ModifiedGovernanceDocs(string? baseRef)
    {
        var git = _workspace.Git;
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        if (baseRef is not null)
        {
            var commit = git.ResolveCommit(baseRef) ?? throw new HandoffException("--base '" + baseRef + "' is not a commit of this repository");
            foreach (var line in git.Run("diff", "--name-only", "--no-renames", commit, "HEAD").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                changed.Add(line.Trim());
            }
        }

        foreach (var line in git.Run("status", "--porcelain", "--untracked-files=all").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 3)
            {
                changed.Add(line[3..].Trim().Trim('"'));
            }
        }

        var globs = _workspace.Config.GovernanceDocs.Select(g => new Glob(g)).ToList();
        return changed.Where(p => !p.StartsWith("artifacts/", StringComparison.Ordinal) && !p.StartsWith("logs/", StringComparison.Ordinal))
            .Where(p => globs.Any(g => g.IsMatch(p)) && File.Exists(_workspace.Layout.Absolute(p)));
    }

    /// <summary>Copies into for_ceo/ without ever replacing a file there: an existing name gets a numbered sibling.</summary>
    private string CopyToPickup(string source)
    {
        var folder = _workspace.Layout.ForCeo;
        Directory.CreateDirectory(folder);
        var bytes = File.ReadAllBytes(source);
        var name = Path.GetFileNameWithoutExtension(source);
        var extension = Path.GetExtension(source);
        for (var n = 1; ; n++)
        {
            var target = Path.Combine(folder, n == 1 ? name + extension : name + "_" + n + extension);
            if (!File.Exists(target))
            {
                WriteNew(target, bytes);
                return target;
            }

            if (File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                return target;
            }
        }
    }

    private static string Unused(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "_" + n + Path.GetExtension(path));
        }

        return candidate;
    }

    private static void WriteNew(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
    }

    private static bool SameMission(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The mission as a file name: letters, digits, '-' and '_' kept, other characters as '_'.</summary>
    public static string FileSafe(string mission)
    {
        var name = new string(mission.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' ? c : '_').ToArray()).Trim('_');
        return name.Length == 0 ? "Mission" : name;
    }
}
