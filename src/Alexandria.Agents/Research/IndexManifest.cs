using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alexandria.Agents.Research;

/// <summary>
/// <c>alexandria-index.json</c>, written beside the Lucene files when a build completes: it marks the directory as
/// an Alexandria index (so <c>--index</c> tells a built index from a document folder) and records what it holds.
/// </summary>
/// <param name="Format">The index layout version; an index of another version must be rebuilt.</param>
/// <param name="Documents">Number of documents indexed.</param>
/// <param name="Chunks">Number of chunks indexed.</param>
public sealed record IndexManifest(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("documents")] int Documents,
    [property: JsonPropertyName("chunks")] int Chunks)
{
    /// <summary>The manifest's file name inside the index directory.</summary>
    public const string FileName = "alexandria-index.json";

    /// <summary>The layout this version writes and reads.</summary>
    public const int CurrentFormat = 1;

    internal void Write(string directory)
        => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this));

    internal static IndexManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new DocumentIndexException($"{directory} is not an Alexandria index (no {FileName}): build one with 'alexandria index build <folder> --out {directory}'.");
        }

        IndexManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new DocumentIndexException($"{path} is damaged (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}). Rebuild the index with 'alexandria index build'.", e);
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.Documents < 0 || manifest.Chunks < 0)
        {
            throw new DocumentIndexException($"{path} describes an index of another format (expected format {CurrentFormat}). Rebuild the index with 'alexandria index build'.");
        }

        return manifest;
    }
}
