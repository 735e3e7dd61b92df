using System.Collections.Generic;
using Alexandria.Handoff.Config;
using Alexandria.Handoff.Git;

namespace Alexandria.Handoff.Council;

/// <summary>Everything the trigger rules read: the two commits, the changed files and lines, the configuration.</summary>
public sealed record DiffContext(
    GitCli Git,
    HandoffConfig Config,
    string Base,
    string Head,
    IReadOnlyList<ChangedFile> Files,
    IReadOnlyDictionary<string, FileLines> Lines);
