namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>One operation: a server method with its request record and closed result type.</summary>
    /// <param name="OperationId">As written in the document, e.g. <c>getRun</c>.</param>
    /// <param name="Name">The C# stem, e.g. <c>GetRun</c> (method <c>GetRunAsync</c>, types <c>GetRunRequest</c>/<c>GetRunResult</c>).</param>
    /// <param name="Method">The HTTP method, upper case.</param>
    /// <param name="Route">The path template, e.g. <c>/runs/{runId}</c>.</param>
    internal sealed record OperationSpec(
        string OperationId,
        string Name,
        string Method,
        string Route,
        string Summary,
        string Description,
        bool Deprecated,
        EquatableArray<ParameterSpec> Parameters,
        RequestBodySpec? Body,
        EquatableArray<ResponseSpec> Responses);
}
