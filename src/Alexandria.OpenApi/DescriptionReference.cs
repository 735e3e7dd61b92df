namespace Alexandria.OpenApi;

/// <summary>Where a <c>$ref</c> leads: a description file (relative to the description's folder) and a JSON pointer in it.</summary>
/// <param name="Document">The file, <c>/</c>-separated, with no <c>.</c> or <c>..</c> segments.</param>
/// <param name="Pointer">The RFC 6901 pointer inside it (<c>""</c> for the whole document).</param>
public readonly record struct DescriptionReference(string Document, string Pointer);
