using System.Collections.Generic;
using System.Linq;
using Alexandria.Contracts;

namespace Alexandria.Agents.Output;

/// <summary>One reason a model reply is not a valid value: JSON pointer, failing keyword, message.</summary>
/// <param name="Pointer">RFC 6901 pointer into the reply; empty for the whole reply.</param>
/// <param name="Keyword">The JSON Schema keyword that failed, or <c>parse</c> when the reply is not JSON at all.</param>
/// <param name="Message">What is wrong, for the model and for people.</param>
public sealed record OutputError(string Pointer, string Keyword, string Message)
{
    /// <summary>The line the repair prompt shows: <c>pointer: keyword: message</c>.</summary>
    public string ToRepairLine() => (Pointer.Length == 0 ? "(root)" : Pointer) + ": " + Keyword + ": " + Message;

    /// <summary>The contract's <c>schema_violation</c>, clipped to its limits.</summary>
    public SchemaViolation ToViolation() => new()
    {
        InstancePointer = Pointer.Length <= 2048 ? Pointer : "",
        Keyword = Keyword.Length <= 64 ? Keyword : Keyword[..64],
        Message = Message.Length <= 2000 ? Message : Message[..1999] + "…",
    };

    /// <summary>At most 100 violations, the contract's bound on a repair event.</summary>
    public static IReadOnlyList<SchemaViolation> ToViolations(IReadOnlyList<OutputError> errors) => errors.Take(100).Select(e => e.ToViolation()).ToList();
}
