using System.IO;

namespace Alexandria.Handoff;

/// <summary>
/// Where the protocol keeps its files inside a repository (the seed's layout), as absolute paths under
/// <see cref="Root"/>. Everything the tool writes lives under these folders.
/// </summary>
public sealed class HandoffLayout
{
    public HandoffLayout(string root) => Root = Path.GetFullPath(root);

    /// <summary>The repository's top-level folder.</summary>
    public string Root { get; }

    public string Packets => Path.Combine(Root, "artifacts", "packets");

    /// <summary>Stale or refused packets, moved here (never deleted) with a reason file beside each.</summary>
    public string Blocked => Path.Combine(Packets, "blocked");

    /// <summary>One acknowledgement record per ingestion.</summary>
    public string Acks => Path.Combine(Packets, "acks");

    public string Bundles => Path.Combine(Root, "artifacts", "bundles");

    /// <summary>The human lead's pickup folder: the tool adds to it and never deletes from it.</summary>
    public string ForCeo => Path.Combine(Root, "artifacts", "for_ceo");

    public string PreflightLogs => Path.Combine(Root, "logs", "preflight");

    public string Workstreams => Path.Combine(Root, "artifacts", "workstreams.yaml");

    /// <summary>The optional configuration file (docs/handoff.md lists its keys).</summary>
    public string Config => Path.Combine(Root, "handoff.yaml");

    /// <summary>Repository-relative, '/'-separated form of an absolute path under the root.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Absolute path of a repository-relative one.</summary>
    public string Absolute(string relative) => Path.GetFullPath(Path.Combine(Root, relative));
}
