using System;

namespace Alexandria.Handoff;

/// <summary>A protocol rule refused an input; the message says what and where, for a human to act on.</summary>
public sealed class HandoffException : Exception
{
    public HandoffException(string message) : base(message)
    {
    }

    public HandoffException(string message, Exception inner) : base(message, inner)
    {
    }

    public HandoffException()
    {
    }
}
