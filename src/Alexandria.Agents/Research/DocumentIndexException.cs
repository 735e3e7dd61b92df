using System;

namespace Alexandria.Agents.Research;

/// <summary>A prebuilt index is missing, damaged or cannot be written where asked; the message says where and what to do.</summary>
public sealed class DocumentIndexException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentIndexException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DocumentIndexException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DocumentIndexException()
    {
    }
}
