using System;
using System.Collections.Generic;
using System.Text.Json;
using Alexandria.Contracts;

namespace Alexandria.Agents.Tools;

/// <summary>One page of a tool's result.</summary>
/// <param name="Items">The items, in the tool's order.</param>
/// <param name="TotalItems">How many items the whole result has, when the tool knows.</param>
/// <param name="HasMore">True when items follow this page.</param>
/// <param name="Guidance">What to try instead, for an empty result; the guard supplies a default when null.</param>
public sealed record ToolPage(IReadOnlyList<ToolItem> Items, long? TotalItems, bool HasMore, ZeroResultGuidance? Guidance = null)
{
    /// <summary>An empty result with <paramref name="guidance"/>.</summary>
    public static ToolPage Empty(ZeroResultGuidance? guidance = null) => new(Array.Empty<ToolItem>(), 0, false, guidance);
}

/// <summary>One result item.</summary>
/// <param name="Data">The item as JSON (what the full result artifact holds).</param>
/// <param name="Line">One line for the observation summary the planner reads.</param>
/// <param name="Evidence">The evidence the item rests on (may be empty).</param>
public sealed record ToolItem(JsonElement Data, string Line, IReadOnlyList<EvidenceCitation> Evidence);

/// <summary>
/// An evidence pointer and the text of the chunk it points into: the loop records the chunk before the
/// observation cites it, so every pointer in the log resolves. <paramref name="ChunkText"/> is null for a pointer
/// that must already resolve (e.g. a citation in an answer).
/// </summary>
public sealed record EvidenceCitation(EvidencePointer Pointer, string? ChunkText);
