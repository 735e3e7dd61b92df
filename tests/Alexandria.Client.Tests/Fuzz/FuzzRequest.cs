using System.Net.Http;

namespace Alexandria.Client.Tests.Fuzz;

/// <summary>One malformed request: what it is, where it is broken, and how to send it.</summary>
/// <param name="Operation">The operationId the request targets.</param>
/// <param name="Breakage">What kind of damage it carries.</param>
/// <param name="Pointer">Where the damage is (a JSON pointer into the body, or <c>/parameter</c>).</param>
/// <param name="Detail">The missing property's name, for <see cref="Breakage.MissingField"/>.</param>
/// <param name="Definition">The output_schema.json definition the body must satisfy; null for requests without one.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Relative path with query.</param>
/// <param name="Body">UTF-8 body, or null for none.</param>
public sealed record FuzzRequest(string Operation, Breakage Breakage, string Pointer, string? Detail, string? Definition, HttpMethod Method, string Path, byte[]? Body)
{
    public override string ToString() => $"{Operation} {Breakage} at '{Pointer}' ({Method} {Path}, {Body?.Length ?? 0} bytes)";
}
