using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tests.Loop;

namespace Alexandria.Agents.Tests.Research;

/// <summary>
/// The prebuilt Lucene index of samples/research-docs answers exactly as the folder index does: same chunk ids,
/// same spans, same order, same text for read_chunk; a missing or damaged index is a clear error.
/// </summary>
public sealed class LuceneDocumentIndexTests : IDisposable
{
    private static readonly string Docs = Path.Combine(ShippedScenarioTests.Folder, "research-docs");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alexandria-lucene-" + Guid.NewGuid().ToString("N"));

    private string Target => Path.Combine(_root, "index");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Build_reports_every_document_and_chunk_of_the_folder()
    {
        var folder = FolderDocumentIndex.Build(Docs);
        var manifest = LuceneDocumentIndex.Build(Docs, Target);
        Assert.Equal((folder.DocumentCount, folder.ChunkCount), (manifest.Documents, manifest.Chunks));
        Assert.Equal(4, manifest.Documents);
        using var index = LuceneDocumentIndex.Open(Target);
        Assert.Equal(folder.ChunkCount, index.ChunkCount);
    }

    [Fact]
    public void Every_query_gets_the_folder_index_hits_chunk_ids_spans_and_order()
    {
        var folder = FolderDocumentIndex.Build(Docs);
        LuceneDocumentIndex.Build(Docs, Target);
        using var lucene = LuceneDocumentIndex.Open(Target);
        var words = Directory.EnumerateFiles(Docs).SelectMany(f => File.ReadAllText(f).Split(' ', '\n', '.', ',', ':')).Where(w => w.Length > 3).Distinct().ToList();
        var queries = new[] { "compaction snapshot", "events steps", "handoff", "What does a snapshot keep?", "pagination zero result", "the", "", "nosuchword" }.Concat(words).ToList();
        Assert.True(queries.Count > 50);
        var nonEmpty = 0;
        foreach (var query in queries)
        {
            var expected = folder.Search(query, _ => true, 0, 100);
            var actual = lucene.Search(query, _ => true, 0, 100);
            Assert.Equal(Describe(expected), Describe(actual));
            nonEmpty += expected.Total > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > 40, $"only {nonEmpty} queries hit anything");
    }

    [Fact]
    public void A_known_question_points_at_the_sentence_that_answers_it()
    {
        LuceneDocumentIndex.Build(Docs, Target);
        using var lucene = LuceneDocumentIndex.Open(Target);
        var top = lucene.Search("compacts counted events", _ => true, 0, 1).Hits.Single();
        Assert.Equal(("compaction.md", "c001"), (top.Chunk.EvidenceId, top.Chunk.ChunkId));
        Assert.StartsWith("A run compacts when 18 counted events", top.SpanText, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_and_paging_match_the_folder_index()
    {
        var folder = FolderDocumentIndex.Build(Docs);
        LuceneDocumentIndex.Build(Docs, Target);
        using var lucene = LuceneDocumentIndex.Open(Target);
        Func<string, bool> scope = id => id != "compaction.md";
        foreach (var offset in new[] { 0, 1, 2, 5 })
        {
            Assert.Equal(Describe(folder.Search("snapshot", scope, offset, 2)), Describe(lucene.Search("snapshot", scope, offset, 2)));
        }

        Assert.DoesNotContain(lucene.Search("snapshot", scope, 0, 100).Hits, h => h.Chunk.EvidenceId == "compaction.md");
        Assert.Contains(lucene.Search("snapshot", _ => true, 0, 100).Hits, h => h.Chunk.EvidenceId == "compaction.md");
    }

    [Fact]
    public void Read_chunk_returns_the_same_text_for_every_chunk_so_spans_resolve_identically()
    {
        var folder = FolderDocumentIndex.Build(Docs);
        LuceneDocumentIndex.Build(Docs, Target);
        using var lucene = LuceneDocumentIndex.Open(Target);
        var chunks = Directory.EnumerateFiles(Docs).Select(f => Path.GetFileName(f))
            .SelectMany(id => Enumerable.Range(1, 30).Select(n => (id, chunk: "c" + n.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))))
            .Where(c => folder.Find(c.id, c.chunk) is not null).ToList();
        Assert.Equal(folder.ChunkCount, chunks.Count);
        foreach (var (id, chunk) in chunks)
        {
            Assert.Equal(folder.Find(id, chunk), lucene.Find(id, chunk));
        }

        Assert.Null(lucene.Find("compaction.md", "c099"));
        Assert.Null(lucene.Find("nowhere.md", "c001"));
        foreach (var hit in lucene.Search("snapshot", _ => true, 0, 100).Hits)
        {
            Assert.Equal(hit.SpanText, lucene.Find(hit.Chunk.EvidenceId, hit.Chunk.ChunkId)!.Text[hit.SpanStart..hit.SpanEnd]);
        }
    }

    [Fact]
    public void A_missing_index_says_where_and_how_to_build_one()
    {
        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Open(Target));
        Assert.Contains(Target, e.Message, StringComparison.Ordinal);
        Assert.Contains("alexandria index build", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_the_manifest_is_not_an_index()
    {
        Directory.CreateDirectory(Target);
        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Open(Target));
        Assert.Contains("is not an Alexandria index (no alexandria-index.json)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_lucene_files_are_a_clear_error_not_a_crash()
    {
        LuceneDocumentIndex.Build(Docs, Target);
        foreach (var file in Directory.EnumerateFiles(Target).Where(f => Path.GetFileName(f) != IndexManifest.FileName))
        {
            File.WriteAllText(file, "garbage");
        }

        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Open(Target));
        Assert.Contains($"The index at {Target} is damaged or unreadable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_manifest_names_its_line()
    {
        LuceneDocumentIndex.Build(Docs, Target);
        File.WriteAllText(Path.Combine(Target, IndexManifest.FileName), "{\n\"format\": 1,\n\"documents\": oops}");
        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Open(Target));
        Assert.Contains("alexandria-index.json is damaged (line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_that_disagrees_with_the_lucene_files_is_damage()
    {
        LuceneDocumentIndex.Build(Docs, Target);
        File.WriteAllText(Path.Combine(Target, IndexManifest.FileName), """{"format":1,"documents":4,"chunks":3}""");
        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Open(Target));
        Assert.Contains("lists 3 chunks, the Lucene index holds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_never_overwrites_a_directory_that_is_not_an_index_and_replaces_one_that_is()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "notes.txt"), "mine");
        var e = Assert.Throws<DocumentIndexException>(() => LuceneDocumentIndex.Build(Docs, Target));
        Assert.Contains("is not empty and is not an index", e.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Target, "notes.txt")));

        var other = Path.Combine(_root, "other");
        LuceneDocumentIndex.Build(Docs, other);
        var one = Path.Combine(_root, "one");
        Directory.CreateDirectory(one);
        File.Copy(Path.Combine(Docs, "storage.md"), Path.Combine(one, "storage.md"));
        var rebuilt = LuceneDocumentIndex.Build(one, other);
        using var index = LuceneDocumentIndex.Open(other);
        Assert.Equal(1, rebuilt.Documents);
        Assert.Null(index.Find("compaction.md", "c001"));
        Assert.NotNull(index.Find("storage.md", "c001"));
    }

    [Fact]
    public void Opened_index_tells_a_built_index_from_a_document_folder()
    {
        LuceneDocumentIndex.Build(Docs, Target);
        using (var built = OpenedDocumentIndex.Open(Target))
        {
            Assert.True(built.Prebuilt);
            Assert.IsType<LuceneDocumentIndex>(built.Index);
        }

        using (var folder = OpenedDocumentIndex.Open(Docs))
        {
            Assert.False(folder.Prebuilt);
            Assert.IsType<FolderDocumentIndex>(folder.Index);
            Assert.Equal(4, folder.DocumentCount);
        }

        Assert.Throws<DocumentIndexException>(() => OpenedDocumentIndex.Open(Path.Combine(_root, "absent")));
    }

    private static List<string> Describe(SearchPage page)
        => page.Hits.Select(h => $"{h.Chunk.EvidenceId}#{h.Chunk.ChunkId} {h.SpanStart}-{h.SpanEnd} score {h.Score}").Append("total " + page.Total).ToList();
}
