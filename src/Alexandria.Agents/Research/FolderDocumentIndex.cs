using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Alexandria.Agents.Research;

/// <summary>
/// An in-memory full-text index of the <c>.md</c> and <c>.txt</c> files under a folder. Each file is cut into
/// paragraph chunks (a heading stays with the paragraph under it); a query matches a chunk that contains every
/// query term; hits rank by term frequency, then by document and chunk order, so results never depend on
/// hash order or the file system's listing order.
/// </summary>
public sealed partial class FolderDocumentIndex : IDocumentIndex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "of", "on", "or", "the", "to", "what", "when", "which", "with",
    };

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

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Full: f, Id: Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => f.Id.Length <= 128)
            .OrderBy(f => f.Id, StringComparer.Ordinal);
        var chunks = new List<IndexedChunk>();
        foreach (var (full, id) in files)
        {
            chunks.AddRange(Chunk(id, File.ReadAllText(full).Replace("\r\n", "\n", StringComparison.Ordinal)));
        }

        return new FolderDocumentIndex(chunks);
    }

    /// <summary>Indexes in-memory documents (evidence id → text); for tests and embedding.</summary>
    public static FolderDocumentIndex FromDocuments(IEnumerable<KeyValuePair<string, string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return new FolderDocumentIndex(documents.OrderBy(d => d.Key, StringComparer.Ordinal).SelectMany(d => Chunk(d.Key, d.Value)).ToList());
    }

    /// <inheritdoc/>
    public SearchPage Search(string query, Func<string, bool> inScope, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(inScope);
        var terms = Terms(query).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return new SearchPage(Array.Empty<SearchHit>(), 0);
        }

        var hits = new List<SearchHit>();
        for (var i = 0; i < _chunks.Count; i++)
        {
            var chunk = _chunks[i];
            if (!terms.All(chunk.Frequencies.ContainsKey) || !inScope(chunk.Chunk.EvidenceId))
            {
                continue;
            }

            var (start, end) = BestSentence(chunk.Chunk.Text, terms);
            hits.Add(new SearchHit(chunk.Chunk, start, end, terms.Sum(t => chunk.Frequencies[t])));
        }

        // Stable sort: equal scores keep document and chunk order.
        var ranked = hits.OrderByDescending(h => h.Score).ToList();
        return new SearchPage(ranked.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).ToList(), ranked.Count);
    }

    /// <inheritdoc/>
    public DocumentChunk? Find(string evidenceId, string chunkId) => _byId.TryGetValue((evidenceId, chunkId), out var chunk) ? chunk : null;

    private static IEnumerable<IndexedChunk> Chunk(string evidenceId, string text)
    {
        var paragraphs = ParagraphBreak().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var number = 0;
        string? heading = null;
        foreach (var paragraph in paragraphs)
        {
            if (paragraph.StartsWith('#') && !paragraph.Contains('\n', StringComparison.Ordinal))
            {
                heading = heading is null ? paragraph : heading + "\n" + paragraph;
                continue;
            }

            var body = heading is null ? paragraph : heading + "\n" + paragraph;
            heading = null;
            number++;
            yield return Indexed(evidenceId, number, body);
        }

        if (heading is not null)
        {
            yield return Indexed(evidenceId, number + 1, heading);
        }
    }

    private static IndexedChunk Indexed(string evidenceId, int number, string text)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in Terms(text))
        {
            frequencies[term] = frequencies.TryGetValue(term, out var n) ? n + 1 : 1;
        }

        return new IndexedChunk(new DocumentChunk(evidenceId, "c" + number.ToString("D3", CultureInfo.InvariantCulture), text), frequencies);
    }

    /// <summary>The sentence (bounded by . ! ? or a line break) with the most query-term occurrences; the first on ties; headings last.</summary>
    private static (int Start, int End) BestSentence(string text, IReadOnlyList<string> terms)
    {
        var best = (Start: 0, End: text.Length, Score: -1);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('.' or '!' or '?' or '\n'))
            {
                continue;
            }

            var end = Math.Min(text.Length, i + 1);
            var sentence = text[start..end];
            var score = Terms(sentence).Count(t => terms.Contains(t, StringComparer.Ordinal));
            // A heading names the topic but says nothing about it: it is evidence only when nothing else matches.
            if (sentence.TrimStart().StartsWith('#'))
            {
                score = score > 0 ? 0 : -1;
            }

            if (score > best.Score && sentence.Trim().Length > 0)
            {
                var lead = sentence.Length - sentence.TrimStart().Length;
                var trail = sentence.Length - sentence.TrimEnd().Length;
                best = (start + lead, end - trail, score);
            }

            start = end;
        }

        return (best.Start, best.End);
    }

    private static IEnumerable<string> Terms(string text)
        => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 1 && !StopWords.Contains(w));

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();

    private sealed record IndexedChunk(DocumentChunk Chunk, Dictionary<string, int> Frequencies);
}
