using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Alexandria.Cli.Output.Json;

/// <summary>
/// <c>alexandria inspect &lt;run&gt; --step N --output json</c>: the conversation the model saw in that step, rebuilt from
/// the log (see <see cref="Alexandria.Agents.Loop.StepConversation"/>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Step">The step.</param>
/// <param name="Turns">The model turns of the step, in order.</param>
internal sealed record ConversationDocument(string RunId, long Step, IReadOnlyList<ConversationTurnDocument> Turns);

/// <summary>One model turn: its request's messages, the repairs sent back, the accepted reply and the prefix check.</summary>
/// <param name="Prompt"><c>planner</c> or <c>executor</c>.</param>
/// <param name="TokenUsageSeq">Seq of the turn's <c>token_usage</c> event.</param>
/// <param name="Messages">The request's messages, in order.</param>
/// <param name="Repairs">Per repair request, the errors it sent back.</param>
/// <param name="Reply">The accepted reply as the validated value the log holds (canonical JSON), or null.</param>
/// <param name="RecordedPrefixSha256">The prefix hash recorded when the request was sent.</param>
/// <param name="RebuiltPrefixSha256">The prefix hash of the rebuilt request.</param>
/// <param name="PrefixMatches">True when the two hashes are equal.</param>
internal sealed record ConversationTurnDocument(
    string Prompt,
    long TokenUsageSeq,
    IReadOnlyList<ConversationMessageDocument> Messages,
    IReadOnlyList<IReadOnlyList<string>> Repairs,
    string? Reply,
    string? RecordedPrefixSha256,
    string RebuiltPrefixSha256,
    bool PrefixMatches);

/// <summary>One message: role and text.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Text">The text as sent.</param>
internal sealed record ConversationMessageDocument(string Role, string Text);

/// <summary>Source-generated serialization of <see cref="ConversationDocument"/>, snake_case like every CLI document.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ConversationDocument))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
