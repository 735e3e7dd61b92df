namespace Alexandria.Generators.Model
{
    /// <summary>
    /// A schema document other contracts may <c>$ref</c> by URI (AdditionalFiles with
    /// <c>AlexandriaSchemaUri</c> metadata), so references resolve at build time and never over the network.
    /// </summary>
    /// <param name="Uri">The URI the document is retrieved by, e.g. <c>http://localhost:1234/tree.json</c>.</param>
    /// <param name="Path">The file path, for locations.</param>
    /// <param name="Text">The document text.</param>
    internal sealed record SchemaDocumentSource(string Uri, string Path, string Text);
}
