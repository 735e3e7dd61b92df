using System.Collections.Generic;

namespace Alexandria.Handoff.Sessions;

/// <summary>
/// A <c>- `key`: `value`</c> line of the Identity or Metadata section. <see cref="Value"/> is kept verbatim;
/// <see cref="Code"/> says whether it was in backticks (a JSON list such as active_roles is written bare).
/// </summary>
public sealed record SessionField(string Key, string Value, bool Code = true);

/// <summary>
/// The session handoff document (the first seed's form) in typed form: what a session hands to the next one.
/// Lists hold the item text without the "- " marker; paths without their backticks.
/// </summary>
public sealed record SessionHandoff
{
    public required string Title { get; init; }

    public required IReadOnlyList<SessionField> Identity { get; init; }

    public required IReadOnlyList<string> Objective { get; init; }

    /// <summary>Files read to rehydrate, in order.</summary>
    public required IReadOnlyList<string> RehydrationSources { get; init; }

    public required IReadOnlyList<string> Decisions { get; init; }

    public required IReadOnlyList<string> OpenQuestions { get; init; }

    public required IReadOnlyList<string> NextActions { get; init; }

    public required IReadOnlyList<string> FilesTouched { get; init; }

    /// <summary>Free text (may span lines).</summary>
    public required string Notes { get; init; }

    public required IReadOnlyList<SessionField> Metadata { get; init; }
}
