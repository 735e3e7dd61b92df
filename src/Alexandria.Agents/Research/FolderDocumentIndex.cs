using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alexandria.Agents.Research;

/// <summary>
/// An in-memory full-text index of the <c>.md</c> and <c>.txt</c> files under a folder. Each file is cut into
/// paragraph chunks (a heading stays with the paragraph under it); a query matches a chunk that contains every
/// query term; hits rank by term frequency, then by document and chunk order, so results never depend on
/// hash order or the file system's listing order.
/// </summary>
public sealed class FolderDocumentIndex : IDocumentIndex
{
    private readonly List<IndexedChunk> _chunks;
    private readonly Dictionary<(string EvidenceId, string ChunkId), DocumentChunk> _byId;

    private FolderDocumentIndex(List<IndexedChunk> chunks)
    {
        _chunks = chunks;
        _byId = chunks.ToDictionary(c => (c.Chunk.EvidenceId, c.Chunk.ChunkId), c => c.Chunk);
    }

    /// <summary>Number of documents indexed.</summary>
    public int DocumentCount => _chunks.Select(c => c.Chunk.EvidenceId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Number of chunks indexed.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>Indexes every <c>.md</c>/<c>.txt</c> file under <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static FolderDocumentIndex Build(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No document folder at {root}.");
        }

        return new FolderDocumentIndex(DocumentChunker.Files(root).SelectMany(f => DocumentChunker.Chunk(f.Id, DocumentChunker.ReadText(f.Full))).Select(Indexed).ToList());
    }

    /// <summary>Indexes in-memory documents (evidence id → text); for tests and embedding.</summary>
    public static FolderDocumentIndex FromDocuments(IEnumerable<KeyValuePair<string, string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return new FolderDocumentIndex(documents.OrderBy(d => d.Key, StringComparer.Ordinal).SelectMany(d => DocumentChunker.Chunk(d.Key, d.Value)).Select(Indexed).ToList());
    }

    /// <inheritdoc/>
    public SearchPage Search(string query, Func<string, bool> inScope, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(inScope);
        var terms = DocumentChunker.QueryTerms(query);
        if (terms.Count == 0)
        {
            return new SearchPage(Array.Empty<SearchHit>(), 0);
        }

        var hits = _chunks
            .Where(c => terms.All(c.Frequencies.ContainsKey) && inScope(c.Chunk.EvidenceId))
            .Select(c => DocumentChunker.Hit(c.Chunk, c.Frequencies, terms));
        return SearchRanking.Page(hits, offset, limit);
    }

    /// <inheritdoc/>
    public DocumentChunk? Find(string evidenceId, string chunkId) => _byId.TryGetValue((evidenceId, chunkId), out var chunk) ? chunk : null;

    private static IndexedChunk Indexed(DocumentChunk chunk) => new(chunk, DocumentChunker.Frequencies(chunk.Text));

    private sealed record IndexedChunk(DocumentChunk Chunk, Dictionary<string, int> Frequencies);
}
