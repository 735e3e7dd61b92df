using System.Collections.Generic;

namespace Alexandria.Handoff.Workstreams;

/// <summary>One entry of <c>artifacts/workstreams.yaml</c>. The id and lineage are internal: never asked for, never shown.</summary>
public sealed class Workstream
{
    /// <summary>Internal slug.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name the human uses.</summary>
    public string HumanName { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    /// <summary><c>active</c>, <c>provisional</c> (created from an ambiguous or new intent) or <c>scanned</c> (found by a repo scan).</summary>
    public string Status { get; set; } = "active";

    /// <summary>Internal lineage id the workstream's packets carry.</summary>
    public string? LineageId { get; set; }

    /// <summary>For a provisional entry made because the intent was ambiguous: the human names it could have meant.</summary>
    public List<string> Candidates { get; set; } = [];
}

/// <summary>The file's root: a list of workstreams.</summary>
public sealed class WorkstreamFile
{
    public List<Workstream> Workstreams { get; set; } = [];
}
