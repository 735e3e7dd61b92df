using System;

namespace Alexandria.Agents.Models;

/// <summary>
/// A request did not match its scripted turn (wrong prompt, a missing or forbidden substring, different bytes),
/// or the script ran out: the run has diverged from the recording, which a replay must never hide.
/// </summary>
public sealed class ScriptMismatchException : Exception
{
    /// <summary>Creates the exception for turn <paramref name="turnIndex"/>.</summary>
    public ScriptMismatchException(int turnIndex, string message)
        : base($"/turns/{turnIndex}: {message}")
    {
        TurnIndex = turnIndex;
    }

    /// <summary>Index of the turn that did not match (the turn count when the script ran out).</summary>
    public int TurnIndex { get; }
}
