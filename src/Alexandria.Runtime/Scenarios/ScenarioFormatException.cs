using System;

namespace Alexandria.Runtime.Scenarios;

/// <summary>A scenario file is not well formed; <see cref="Pointer"/> says where (RFC 6901).</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the exception for the value at <paramref name="pointer"/>.</summary>
    public ScenarioFormatException(string pointer, string message)
        : base((pointer.Length == 0 ? "(root)" : pointer) + ": " + message)
    {
        Pointer = pointer;
    }

    /// <summary>JSON pointer of the offending value; empty for the root.</summary>
    public string Pointer { get; }
}
