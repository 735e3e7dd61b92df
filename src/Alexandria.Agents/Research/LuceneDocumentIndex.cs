using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Alexandria.Agents.Research;

/// <summary>
/// A prebuilt on-disk Lucene.Net index of a document folder (<c>alexandria index build</c>). Chunks, terms,
/// spans and ranking are <see cref="FolderDocumentIndex"/>'s (the same <see cref="DocumentChunker"/>), so an
/// evidence pointer names the same text whichever index produced it; Lucene finds the chunks holding every
/// query term without reading the documents again.
/// </summary>
public sealed class LuceneDocumentIndex : IDocumentIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string EvidenceField = "evidence_id";
    private const string ChunkField = "chunk_id";
    private const string TextField = "text";
    private const string TermsField = "terms";
    private const string OrderField = "order";

    private readonly LuceneDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LuceneDocumentIndex(LuceneDirectory directory, DirectoryReader reader, IndexManifest manifest)
    {
        _directory = directory;
        _reader = reader;
        _searcher = new IndexSearcher(reader);
        DocumentCount = manifest.Documents;
        ChunkCount = manifest.Chunks;
    }

    /// <summary>Number of documents indexed.</summary>
    public int DocumentCount { get; }

    /// <summary>Number of chunks indexed.</summary>
    public int ChunkCount { get; }

    /// <summary>True when <paramref name="path"/> is a directory <see cref="Build"/> wrote (it holds the index manifest).</summary>
    public static bool IsIndex(string path) => File.Exists(Path.Combine(path, IndexManifest.FileName));

    /// <summary>Indexes every <c>.md</c>/<c>.txt</c> file under <paramref name="folder"/> into <paramref name="output"/>, replacing an index built there before.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DocumentIndexException"><paramref name="output"/> holds files that are not an index (they are never overwritten).</exception>
    public static IndexManifest Build(string folder, string output)
    {
        var root = Path.GetFullPath(folder);
        var target = Path.GetFullPath(output);
        if (!System.IO.Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No document folder at {root}.");
        }

        if (System.IO.Directory.Exists(target) && System.IO.Directory.EnumerateFileSystemEntries(target).Any() && !IsIndex(target))
        {
            throw new DocumentIndexException($"{target} is not empty and is not an index: choose an empty or new directory for --out.");
        }

        System.IO.Directory.CreateDirectory(target);
        // The manifest goes last: a build that stops halfway leaves a directory that does not open as an index.
        File.Delete(Path.Combine(target, IndexManifest.FileName));
        var documents = 0;
        var order = 0;
        using (var directory = FSDirectory.Open(target))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version)) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var (full, id) in DocumentChunker.Files(root))
            {
                documents++;
                foreach (var chunk in DocumentChunker.Chunk(id, DocumentChunker.ReadText(full)))
                {
                    writer.AddDocument(new Document
                    {
                        new StringField(EvidenceField, chunk.EvidenceId, Field.Store.YES),
                        new StringField(ChunkField, chunk.ChunkId, Field.Store.YES),
                        new StoredField(TextField, chunk.Text),
                        new StoredField(OrderField, order++),
                        // Pre-split with the folder index's own rule, so a Lucene term is exactly a folder index term.
                        new TextField(TermsField, string.Join(' ', DocumentChunker.Terms(chunk.Text)), Field.Store.NO),
                    });
                }
            }

            writer.Commit();
        }

        var manifest = new IndexManifest(IndexManifest.CurrentFormat, documents, order);
        manifest.Write(target);
        return manifest;
    }

    /// <summary>Opens the index <see cref="Build"/> wrote in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentIndexException">There is no index there, or it cannot be read (the message says which and what to do).</exception>
    public static LuceneDocumentIndex Open(string path)
    {
        var target = Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(target))
        {
            throw new DocumentIndexException($"No index at {target}: build one with 'alexandria index build <folder> --out {target}'.");
        }

        var manifest = IndexManifest.Read(target);
        LuceneDirectory? directory = null;
        try
        {
            directory = FSDirectory.Open(target);
            var reader = DirectoryReader.Open(directory);
            if (reader.NumDocs != manifest.Chunks)
            {
                reader.Dispose();
                throw new DocumentIndexException($"The index at {target} is damaged: {IndexManifest.FileName} lists {manifest.Chunks} chunks, the Lucene index holds {reader.NumDocs}. Rebuild it with 'alexandria index build'.");
            }

            return new LuceneDocumentIndex(directory, reader, manifest);
        }
        catch (Exception e) when (e is IOException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException or FormatException)
        {
            directory?.Dispose();
            throw new DocumentIndexException($"The index at {target} is damaged or unreadable ({e.GetType().Name}: {e.Message}). Rebuild it with 'alexandria index build'.", e);
        }
        catch
        {
            directory?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public SearchPage Search(string query, Func<string, bool> inScope, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(inScope);
        var terms = DocumentChunker.QueryTerms(query);
        if (terms.Count == 0 || _reader.MaxDoc == 0)
        {
            return new SearchPage(Array.Empty<SearchHit>(), 0);
        }

        // Lucene caps a query's clauses; the terms past the cap are checked on the candidates below.
        var must = new BooleanQuery();
        foreach (var term in terms.Take(BooleanQuery.MaxClauseCount))
        {
            must.Add(new TermQuery(new Term(TermsField, term)), Occur.MUST);
        }

        var hits = new List<(int Order, SearchHit Hit)>();
        foreach (var scored in _searcher.Search(must, _reader.MaxDoc).ScoreDocs)
        {
            var document = _searcher.Doc(scored.Doc);
            var chunk = ToChunk(document);
            var frequencies = DocumentChunker.Frequencies(chunk.Text);
            if (inScope(chunk.EvidenceId) && terms.All(frequencies.ContainsKey))
            {
                hits.Add((document.GetField(OrderField).GetInt32Value() ?? 0, DocumentChunker.Hit(chunk, frequencies, terms)));
            }
        }

        // Lucene returns by its own relevance; the ranking starts from document and chunk order, as the folder index's does.
        return SearchRanking.Page(hits.OrderBy(h => h.Order).Select(h => h.Hit), offset, limit);
    }

    /// <inheritdoc/>
    public DocumentChunk? Find(string evidenceId, string chunkId)
    {
        ArgumentNullException.ThrowIfNull(evidenceId);
        ArgumentNullException.ThrowIfNull(chunkId);
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(EvidenceField, evidenceId)), Occur.MUST },
            { new TermQuery(new Term(ChunkField, chunkId)), Occur.MUST },
        };
        var top = _searcher.Search(query, 1);
        return top.TotalHits == 0 ? null : ToChunk(_searcher.Doc(top.ScoreDocs[0].Doc));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static DocumentChunk ToChunk(Document document)
        => new(document.Get(EvidenceField), document.Get(ChunkField), document.Get(TextField));
}
