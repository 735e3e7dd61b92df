using System;
using System.Collections.Generic;

namespace Alexandria.Agents.Models;

/// <summary>
/// Recorded model turns, in the order the loop asks for them: what <see cref="ScriptedChatClient"/> plays back
/// and what <see cref="RecordingChatClient"/> writes from a live run. File format: docs/agents.md.
/// </summary>
/// <param name="Objective">The objective the script was written (or recorded) for, when it names one.</param>
/// <param name="ClockStart">Start of the scripted clock events are stamped with, when the script fixes one.</param>
/// <param name="ClockTick">How far the scripted clock moves per reading.</param>
/// <param name="Turns">The turns, first asked first.</param>
public sealed record ModelScript(string? Objective, DateTimeOffset? ClockStart, TimeSpan ClockTick, IReadOnlyList<ScriptedTurn> Turns)
{
    /// <summary>The <c>format</c> value every script file carries.</summary>
    public const string FormatName = "alexandria-model-script/1";
}

/// <summary>One model turn: which prompt asks, what the request must look like, and the reply — verbatim, malformed or not.</summary>
/// <param name="Prompt">Manifest id of the prompt the request was rendered from (<c>planner</c>, <c>executor</c>, <c>repair</c>).</param>
/// <param name="Reply">The model's text, exactly as sent back (prose, fences, broken JSON and all).</param>
/// <param name="Expect">What the request must satisfy before the reply is played; null for no check beyond the prompt id.</param>
/// <param name="Usage">Token usage to report; null to estimate it from the text (4 characters a token).</param>
/// <param name="Model">Model id to report.</param>
/// <param name="Delay">How long the model "thinks" before answering (cancellable), to exercise budgets.</param>
/// <param name="Note">Why the turn exists; ignored by the client.</param>
public sealed record ScriptedTurn(string Prompt, string Reply, RequestExpectation? Expect, TurnUsage? Usage, string? Model, TimeSpan Delay, string? Note);

/// <summary>What a request must satisfy for its scripted turn to be played.</summary>
/// <param name="Contains">Substrings the request text must contain.</param>
/// <param name="Excludes">Substrings it must not contain.</param>
/// <param name="RequestSha256">SHA-256 of the request bytes (<see cref="ModelRequest.ToBytes"/>): a byte-for-byte replay check.</param>
public sealed record RequestExpectation(IReadOnlyList<string> Contains, IReadOnlyList<string> Excludes, string? RequestSha256);

/// <summary>Token usage of one turn.</summary>
public sealed record TurnUsage(long InputTokens, long OutputTokens, long CachedTokens);
