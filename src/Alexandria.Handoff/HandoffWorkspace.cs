using System;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Git;
using Alexandria.Handoff.Storage;

namespace Alexandria.Handoff;

/// <summary>
/// The protocol over one git repository: its layout, <c>handoff.yaml</c>, the packet store and the clock
/// (injectable, so TTL boundaries are tested exactly).
/// </summary>
public sealed class HandoffWorkspace
{
    public HandoffWorkspace(string root, TimeProvider time)
    {
        Layout = new HandoffLayout(root);
        Time = time;
        Config = ConfigLoader.Load(Layout);
        Store = new PacketStore(Layout);
        Git = new GitCli(Layout.Root);
    }

    public HandoffLayout Layout { get; }

    public HandoffConfig Config { get; }

    public TimeProvider Time { get; }

    public PacketStore Store { get; }

    public GitCli Git { get; }

    public Ingestion Ingestion => new(Store, Time);

    public DateTimeOffset Now => Time.GetUtcNow().ToUniversalTime();

    /// <summary>The workspace of the git repository holding <paramref name="directory"/>; refuses outside a repository.</summary>
    public static HandoffWorkspace Open(string directory, TimeProvider time)
        => new(GitCli.FindRoot(directory) ?? throw new HandoffException(directory + " is not inside a git repository (run 'git init' first)"), time);
}
