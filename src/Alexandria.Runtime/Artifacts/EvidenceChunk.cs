namespace Alexandria.Runtime.Artifacts;

/// <summary>
/// How evidence pointers find their artifact: a chunk of evidence is stored as an artifact whose
/// metadata names its <c>evidence_id</c> and <c>chunk_id</c>; a pointer resolves when such an
/// artifact exists in the run and its span lies within the chunk's text.
/// </summary>
public static class EvidenceChunk
{
    /// <summary>Metadata member that marks what an artifact holds.</summary>
    public const string KindMember = "kind";

    /// <summary>Value of <see cref="KindMember"/> for an evidence chunk.</summary>
    public const string KindValue = "evidence_chunk";

    /// <summary>Value of <see cref="KindMember"/> for a full tool result.</summary>
    public const string ToolResultKindValue = "tool_result";

    /// <summary>Metadata member holding the pointer's <c>evidence_id</c>.</summary>
    public const string EvidenceIdMember = "evidence_id";

    /// <summary>Metadata member holding the pointer's <c>chunk_id</c>.</summary>
    public const string ChunkIdMember = "chunk_id";

    /// <summary>Metadata member holding the chunk's length in characters (UTF-16 code units), which bounds every span.</summary>
    public const string LengthMember = "chars";
}
