namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria index build --output json</c>: what was indexed and where the index is.</summary>
/// <param name="Format">The index layout version (<c>alexandria-index.json</c>'s <c>format</c>).</param>
internal sealed record IndexBuildDocument(string Folder, string Index, int Documents, int Chunks, int Format);
