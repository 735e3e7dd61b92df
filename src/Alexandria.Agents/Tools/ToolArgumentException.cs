using System;

namespace Alexandria.Agents.Tools;

/// <summary>A call's arguments do not fit the tool: the message names the argument (as a JSON pointer) and what is wrong.</summary>
public sealed class ToolArgumentException : Exception
{
    /// <summary>Creates the exception for <paramref name="pointer"/>.</summary>
    public ToolArgumentException(string pointer, string message)
        : base($"{(pointer.Length == 0 ? "(arguments)" : "/arguments" + pointer)}: {message}")
    {
        Pointer = pointer;
    }

    /// <summary>JSON pointer into the arguments.</summary>
    public string Pointer { get; }
}
