using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Alexandria.Agents.Research;

/// <summary>
/// How every index cuts documents into chunks, splits text into terms and picks a hit's span. Both
/// <see cref="FolderDocumentIndex"/> and <see cref="LuceneDocumentIndex"/> use it, so a chunk id and a span
/// mean the same text whichever index served them.
/// </summary>
internal static partial class DocumentChunker
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "in", "is", "it", "of", "on", "or", "the", "to", "what", "when", "which", "with",
    };

    /// <summary>The indexable files under <paramref name="root"/> (an absolute path), with their evidence ids, in evidence id order.</summary>
    public static IEnumerable<(string Full, string Id)> Files(string root)
        => System.IO.Directory.EnumerateFiles(root, "*", System.IO.SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Full: f, Id: System.IO.Path.GetRelativePath(root, f).Replace(System.IO.Path.DirectorySeparatorChar, '/')))
            .Where(f => f.Id.Length <= 128)
            .OrderBy(f => f.Id, StringComparer.Ordinal);

    /// <summary>A file's text with line endings normalized, so offsets do not depend on the platform that wrote it.</summary>
    public static string ReadText(string path) => System.IO.File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Paragraph chunks of one document (a heading stays with the paragraph under it), numbered <c>c001</c>, <c>c002</c>, ….</summary>
    public static IEnumerable<DocumentChunk> Chunk(string evidenceId, string text)
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
            yield return new DocumentChunk(evidenceId, ChunkId(number), body);
        }

        if (heading is not null)
        {
            yield return new DocumentChunk(evidenceId, ChunkId(number + 1), heading);
        }
    }

    /// <summary>How often each term occurs in <paramref name="text"/>.</summary>
    public static Dictionary<string, int> Frequencies(string text)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in Terms(text))
        {
            frequencies[term] = frequencies.TryGetValue(term, out var n) ? n + 1 : 1;
        }

        return frequencies;
    }

    /// <summary>A query's distinct terms, in query order.</summary>
    public static List<string> QueryTerms(string query) => Terms(query).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The hit for a chunk that contains every query term: the span of its best sentence, scored by term frequency.</summary>
    public static SearchHit Hit(DocumentChunk chunk, IReadOnlyDictionary<string, int> frequencies, IReadOnlyList<string> terms)
    {
        var (start, end) = BestSentence(chunk.Text, terms);
        return new SearchHit(chunk, start, end, terms.Sum(t => frequencies[t]));
    }

    /// <summary>Lower-cased ASCII words longer than one character, stop words removed.</summary>
    public static IEnumerable<string> Terms(string text)
        => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 1 && !StopWords.Contains(w));

    private static string ChunkId(int number) => "c" + number.ToString("D3", CultureInfo.InvariantCulture);

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

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();
}
