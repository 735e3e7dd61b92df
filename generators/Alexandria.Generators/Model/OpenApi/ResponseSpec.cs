namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>A declared response: one case of the operation's closed result type.</summary>
    /// <param name="StatusKey">As written: <c>200</c>, <c>4XX</c> or <c>default</c>.</param>
    /// <param name="CaseName">The C# case, e.g. <c>Ok</c>, <c>NotFound</c>, <c>ClientError</c>.</param>
    /// <param name="FixedStatus">The status code for an exact key; null for a range or <c>default</c>, whose case takes the code.</param>
    /// <param name="Body">The body type, or null for a response without content.</param>
    internal sealed record ResponseSpec(string StatusKey, string CaseName, int? FixedStatus, string? ContentType, TypeRef? Body, string Description);
}
