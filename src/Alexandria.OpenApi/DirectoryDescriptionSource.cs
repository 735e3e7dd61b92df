using System;
using System.IO;

namespace Alexandria.OpenApi;

/// <summary>The files of a description in a folder on disk (the contracts folder of a checkout).</summary>
public sealed class DirectoryDescriptionSource : IDescriptionFileSource
{
    private readonly string _directory;

    /// <summary>A source reading below <paramref name="directory"/>.</summary>
    public DirectoryDescriptionSource(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public string Name => _directory;

    /// <inheritdoc />
    public byte[]? Read(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = Path.Combine(_directory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
