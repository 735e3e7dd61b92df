using System.Net.Http;

namespace Alexandria.Client.Tests.Fuzz;

/// <summary>What was broken in a request, so the answer can be held to naming it.</summary>
public enum Breakage
{
    /// <summary>The body is not JSON (truncated, garbage, invalid UTF-8, empty): the pointer is the root.</summary>
    MalformedJson,

    /// <summary>A value of the wrong JSON type at <see cref="FuzzRequest.Pointer"/>.</summary>
    WrongType,

    /// <summary>A property the schema does not define, at <see cref="FuzzRequest.Pointer"/>.</summary>
    UnknownField,

    /// <summary>A required property removed from the object at <see cref="FuzzRequest.Pointer"/>; the message names it.</summary>
    MissingField,

    /// <summary>A string far over any sensible size at <see cref="FuzzRequest.Pointer"/>.</summary>
    OversizedValue,

    /// <summary>A path or query parameter out of range; <see cref="FuzzRequest.Pointer"/> is <c>/name</c>.</summary>
    BadParameter,
}

/// <summary>One malformed request: what it is, where it is broken, and how to send it.</summary>
/// <param name="Operation">The operationId the request targets.</param>
/// <param name="Breakage">What kind of damage it carries.</param>
/// <param name="Pointer">Where the damage is (a JSON pointer into the body, or <c>/parameter</c>).</param>
/// <param name="Detail">The missing property's name, for <see cref="Breakage.MissingField"/>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Relative path with query.</param>
/// <param name="Body">UTF-8 body, or null for none.</param>
public sealed record FuzzRequest(string Operation, Breakage Breakage, string Pointer, string? Detail, HttpMethod Method, string Path, byte[]? Body)
{
    public override string ToString() => $"{Operation} {Breakage} at '{Pointer}' ({Method} {Path}, {Body?.Length ?? 0} bytes)";
}
