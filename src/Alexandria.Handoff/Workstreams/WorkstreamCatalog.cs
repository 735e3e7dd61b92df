using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alexandria.Handoff.Git;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Alexandria.Handoff.Workstreams;

/// <summary>
/// <c>artifacts/workstreams.yaml</c>, or — when the file does not exist yet — a scan of the repository: each
/// top-level folder and each project folder under <c>src/</c> tracked by git is a workstream named after it.
/// </summary>
public static class WorkstreamCatalog
{
    private static readonly string[] NotWork = ["artifacts", "logs", "bin", "obj", "node_modules", "build", "tests", "test", "docs"];

    public static List<Workstream> Load(HandoffLayout layout)
    {
        if (!File.Exists(layout.Workstreams))
        {
            return Scan(layout);
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<WorkstreamFile?>(File.ReadAllText(layout.Workstreams))?.Workstreams ?? [];
        }
        catch (YamlException e)
        {
            throw new HandoffException(layout.Relative(layout.Workstreams) + "(" + e.Start.Line + "," + e.Start.Column + "): " + e.Message
                + (e.InnerException is null ? "" : " (" + e.InnerException.Message + ")"), e);
        }
    }

    public static void Save(HandoffLayout layout, List<Workstream> workstreams)
    {
        var serializer = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        Directory.CreateDirectory(Path.GetDirectoryName(layout.Workstreams)!);
        File.WriteAllText(layout.Workstreams,
            "# Workstreams of this repository (alexandria handoff). Humans name work loosely; the tool resolves it here.\n"
            + serializer.Serialize(new WorkstreamFile { Workstreams = workstreams }));
    }

    /// <summary>The repo scan: folder names as human names, sorted so the result is deterministic.</summary>
    public static List<Workstream> Scan(HandoffLayout layout)
    {
        var listing = new GitCli(layout.Root).Run("ls-files");
        if (!listing.Ok)
        {
            return [];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = file.Split('/');
            if (parts.Length < 2 || parts[0].StartsWith('.') || NotWork.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            names.Add(parts[0] == "src" && parts.Length > 2 ? parts[1] : parts[0]);
        }

        return names.Where(n => n != "src").Select(n => new Workstream
        {
            Id = Slug(n),
            HumanName = n.Replace('.', ' ').Replace('_', ' ').Replace('-', ' '),
            Status = "scanned",
        }).ToList();
    }

    /// <summary>An internal slug for a phrase (lower case, words joined by '-').</summary>
    public static string Slug(string phrase)
    {
        var normalized = Similarity.Normalize(phrase);
        var slug = normalized.Length == 0 ? "workstream" : normalized.Replace(' ', '-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
