namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>Where a parameter travels in the HTTP request.</summary>
    internal enum ParameterLocation
    {
        Path,
        Query,
        Header,
        Cookie,
    }

    /// <summary>A path, query, header or cookie parameter: one property of the request record.</summary>
    /// <param name="PropertyName">The C# property, e.g. <c>RunId</c>.</param>
    /// <param name="Type">The C# type, non-nullable; optional parameters are made nullable when emitted.</param>
    internal sealed record ParameterSpec(string Name, string PropertyName, ParameterLocation In, TypeRef Type, bool Required, string Description);
}
