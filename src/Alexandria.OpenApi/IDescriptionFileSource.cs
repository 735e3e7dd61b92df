namespace Alexandria.OpenApi;

/// <summary>
/// Where the files of an API description are read from: a folder on disk (the CLI), the contracts embedded
/// in an assembly (the server). Paths are relative to the description's folder, use <c>/</c>, and never
/// contain <c>.</c> or <c>..</c> segments: <see cref="DescriptionPath"/> has resolved them before a source
/// is asked, so no source can be led outside its folder.
/// </summary>
public interface IDescriptionFileSource
{
    /// <summary>A short name of the source for error messages (a folder path, an assembly name).</summary>
    string Name { get; }

    /// <summary>The bytes of the file at <paramref name="relativePath"/>, or null when there is none.</summary>
    byte[]? Read(string relativePath);
}
