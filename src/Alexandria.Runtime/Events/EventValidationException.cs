using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Runtime.Events;

/// <summary>
/// An event failed the generated <c>RunEventValidator</c>; nothing was written. Each error carries
/// the instance JSON pointer, the failing keyword and a message.
/// </summary>
public sealed class EventValidationException : Exception
{
    /// <summary>Creates the exception for the event of <paramref name="kind"/> with <paramref name="errors"/>.</summary>
    public EventValidationException(string kind, IReadOnlyList<string> errors)
        : base($"The {kind} event does not validate against run_event; nothing was written:" + Environment.NewLine
               + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Kind = kind;
        Errors = errors;
    }

    /// <summary>Kind of the rejected event.</summary>
    public string Kind { get; }

    /// <summary>Every error, as <c>pointer: keyword: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; }
}
