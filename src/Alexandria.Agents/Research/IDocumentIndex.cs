using System;

namespace Alexandria.Agents.Research;

/// <summary>
/// A prebuilt full-text index over chunked documents ("the runtime assumes prebuilt indexes exist"). The
/// built-in <c>search</c> and <c>read_chunk</c> tools read only this interface, so a Lucene.Net (or any other)
/// index replaces <see cref="FolderDocumentIndex"/> without touching the tools.
/// </summary>
public interface IDocumentIndex
{
    /// <summary>
    /// Hits for <paramref name="query"/> in the documents <paramref name="inScope"/> accepts (by evidence id),
    /// best first, in a deterministic order; the page from <paramref name="offset"/>, at most <paramref name="limit"/> hits.
    /// </summary>
    SearchPage Search(string query, Func<string, bool> inScope, int offset, int limit);

    /// <summary>The chunk <paramref name="chunkId"/> of <paramref name="evidenceId"/>, or null.</summary>
    DocumentChunk? Find(string evidenceId, string chunkId);
}
