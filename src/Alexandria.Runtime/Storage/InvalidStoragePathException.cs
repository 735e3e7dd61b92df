using System;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// A run id or artifact path could escape its directory or is otherwise not a safe path
/// (<c>..</c>, absolute paths, NUL, backslashes, characters outside the contract's pattern).
/// </summary>
public sealed class InvalidStoragePathException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidStoragePathException(string message, string paramName)
        : base(message, paramName)
    {
    }
}
