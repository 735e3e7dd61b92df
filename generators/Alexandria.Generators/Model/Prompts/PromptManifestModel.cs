namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>Placeholder model for the Prompts area; replaced by the area's real model.</summary>
    internal sealed record PromptManifestModel(string FileName, string Namespace, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public PromptManifestModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
