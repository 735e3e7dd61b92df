namespace Alexandria.Generators.Model.Validation
{
    /// <summary>Placeholder model for the Validation area; replaced by the area's real model.</summary>
    internal sealed record ValidatorModel(string FileName, string Namespace, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public ValidatorModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
