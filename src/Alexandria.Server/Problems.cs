using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;

namespace Alexandria.Server;

/// <summary>Builds the contract's <c>problem_details</c> bodies (RFC 7807) the server answers every error with.</summary>
public static class Problems
{
    private const int MaxErrors = 100;
    private const int MaxMessageLength = 2000;
    private const int MaxDetailLength = 4000;

    /// <summary>A problem with a status, a short title and an optional detail and error list.</summary>
    public static ProblemDetails Create(int status, string title, string? detail = null, IReadOnlyList<ProblemError>? errors = null) => new()
    {
        Type = new Uri("https://alexandria.local/problems/" + Slug(title), UriKind.Absolute),
        Title = title,
        Status = status,
        Detail = detail is null ? null : Truncate(detail, MaxDetailLength),
        Errors = errors,
    };

    /// <summary>One error naming the JSON pointer (or, for path and query parameters, the parameter) at fault.</summary>
    public static ProblemError Error(string pointer, string keyword, string message) => new()
    {
        Pointer = pointer,
        Keyword = keyword.Length > 64 ? keyword[..64] : keyword,
        Message = Truncate(message.Length == 0 ? "Invalid." : message, MaxMessageLength),
    };

    /// <summary>The generated validator's errors as problem errors, at most 100, in its order: the most specific first.</summary>
    /// <remarks>An unknown property is reported at the property itself (<c>/extra</c>), as the validator reports it.</remarks>
    public static IReadOnlyList<ProblemError> FromValidation(ValidationResult result)
        => result.Errors.Take(MaxErrors).Select(e => Error(e.InstancePointer, e.Keyword, e.Message)).ToArray();

    /// <summary>400 for a path or query parameter out of range; the pointer names the parameter.</summary>
    public static ProblemDetails BadParameter(string name, string keyword, string message)
        => Create(400, "Invalid parameter", $"Parameter '{name}': {message}", [Error("/" + name, keyword, $"Parameter '{name}': {message}")]);

    /// <summary>404 for a run, snapshot, artifact or packet that does not exist; the error names the path parameter that names it.</summary>
    public static ProblemDetails NotFound(string what, string parameter)
        => Create(404, "Not found", what + " does not exist.", [Error("/" + parameter, "exists", what + " does not exist.")]);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static string Slug(string title)
        => new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
