namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>
    /// An OpenAPI document reduced to what the server interface needs: the API's name and every
    /// operation with typed parameters, body and responses. Plain equatable data.
    /// </summary>
    /// <param name="ServerName">The stem of the generated names: <c>I{ServerName}Server</c>, <c>{ServerName}Routes</c>, <c>{ServerName}Operations</c>.</param>
    internal sealed record OpenApiModel(
        string FileName,
        string Namespace,
        string ServerName,
        string Title,
        string ApiVersion,
        EquatableArray<OperationSpec> Operations,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public OpenApiModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };

        public static OpenApiModel Empty(string fileName, string ns, EquatableArray<DiagnosticInfo> diagnostics)
            => new OpenApiModel(fileName, ns, "", "", "", EquatableArray<OperationSpec>.Empty, diagnostics);
    }
}
