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
