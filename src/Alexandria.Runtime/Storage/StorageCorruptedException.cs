using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// Durable storage is damaged in a way recovery must not paper over (for example a bad record in
/// the middle of a log, which is not a torn tail). Nothing is repaired automatically.
/// </summary>
public sealed class StorageCorruptedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public StorageCorruptedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for damage at a known place.</summary>
    public StorageCorruptedException(string message, string filePath, long offset)
        : base(message)
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The damaged file, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The byte offset of the damage in <see cref="FilePath"/>, when known.</summary>
    public long? Offset { get; }
}
