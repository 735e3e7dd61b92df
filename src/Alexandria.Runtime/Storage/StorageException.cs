using System;

namespace Alexandria.Runtime.Storage;

/// <summary>Base type of the failures the storage layer reports on purpose.</summary>
public abstract class StorageException : Exception
{
    /// <summary>Creates the exception with a message a person can act on.</summary>
    protected StorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
