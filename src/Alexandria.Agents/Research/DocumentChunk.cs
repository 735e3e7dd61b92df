namespace Alexandria.Agents.Research;

/// <summary>A chunk of an indexed document: what an evidence pointer's <c>evidence_id</c> + <c>chunk_id</c> name.</summary>
/// <param name="EvidenceId">The document: its path relative to the indexed folder, with '/' separators.</param>
/// <param name="ChunkId">The chunk inside the document (<c>c001</c>, <c>c002</c>, … in document order).</param>
/// <param name="Text">The chunk's text; spans are offsets into it.</param>
public sealed record DocumentChunk(string EvidenceId, string ChunkId, string Text);

/// <summary>A search hit: the chunk and the span of its best matching sentence.</summary>
public sealed record SearchHit(DocumentChunk Chunk, int SpanStart, int SpanEnd, int Score)
{
    /// <summary>The text the span covers.</summary>
    public string SpanText => Chunk.Text[SpanStart..SpanEnd];
}

/// <summary>One page of hits and how many there are in all.</summary>
public sealed record SearchPage(System.Collections.Generic.IReadOnlyList<SearchHit> Hits, int Total);
