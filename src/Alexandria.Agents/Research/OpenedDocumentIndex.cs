using System;
using System.IO;

namespace Alexandria.Agents.Research;

/// <summary>
/// The index behind <c>--index</c>: a directory <c>alexandria index build</c> wrote opens as a
/// <see cref="LuceneDocumentIndex"/>, any other folder is indexed in memory as a <see cref="FolderDocumentIndex"/>.
/// </summary>
/// <param name="Index">The index the tools search.</param>
/// <param name="DocumentCount">Number of documents indexed.</param>
/// <param name="ChunkCount">Number of chunks indexed.</param>
/// <param name="Prebuilt">True for a built (Lucene) index, false for a document folder.</param>
public sealed record OpenedDocumentIndex(IDocumentIndex Index, int DocumentCount, int ChunkCount, bool Prebuilt) : IDisposable
{
    /// <summary>Opens <paramref name="path"/>, telling a built index from a document folder.</summary>
    /// <exception cref="DocumentIndexException">The path does not exist, or it is a built index that cannot be read.</exception>
    public static OpenedDocumentIndex Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DocumentIndexException($"No document folder or index at {full}.");
        }

        if (LuceneDocumentIndex.IsIndex(full))
        {
            var built = LuceneDocumentIndex.Open(full);
            return new OpenedDocumentIndex(built, built.DocumentCount, built.ChunkCount, true);
        }

        var folder = FolderDocumentIndex.Build(full);
        return new OpenedDocumentIndex(folder, folder.DocumentCount, folder.ChunkCount, false);
    }

    /// <inheritdoc/>
    public void Dispose() => (Index as IDisposable)?.Dispose();
}
