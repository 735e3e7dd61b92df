namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>The request body: the <c>Body</c> property of the request record.</summary>
    internal sealed record RequestBodySpec(TypeRef Type, string ContentType, bool Required, string Description);
}
