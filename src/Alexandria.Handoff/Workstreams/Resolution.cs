using System.Collections.Generic;

namespace Alexandria.Handoff.Workstreams;

/// <summary>How a loose phrase was resolved, in the protocol's order.</summary>
public enum ResolutionKind
{
    /// <summary>The phrase is a workstream's human name.</summary>
    Exact,

    /// <summary>The phrase is one of a workstream's aliases.</summary>
    Alias,

    /// <summary>The phrase is close enough (Similarity.Threshold) to one workstream's name or alias, and not tied.</summary>
    Fuzzy,

    /// <summary>Ambiguous or new: a PROVISIONAL entry was recorded and work proceeds under it.</summary>
    Provisional,

    /// <summary>Nothing to resolve from (no words); the only case that needs the human.</summary>
    Blocked,
}

/// <summary>The result; <see cref="Workstream"/> is null only when blocked. <see cref="Describe"/> is what the human sees.</summary>
public sealed record Resolution(ResolutionKind Kind, Workstream? Workstream, double Score, IReadOnlyList<string> Candidates, string Describe);
