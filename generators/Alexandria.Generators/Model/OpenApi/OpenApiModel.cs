namespace Alexandria.Generators.Model.OpenApi
{
    /// <summary>Placeholder model for the OpenApi area; replaced by the area's real model.</summary>
    internal sealed record OpenApiModel(string FileName, string Namespace, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public OpenApiModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
