using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Parsing.Prompts
{
    internal static class PromptManifestParser
    {
        public static PromptManifestModel Parse(ContractFile file, EquatableArray<SchemaExport> exports)
            => new PromptManifestModel(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);

        public static PromptManifestModel Failed(ContractFile file, DiagnosticInfo failure)
            => new PromptManifestModel(file.FileName, file.Namespace, new EquatableArray<DiagnosticInfo>(new[] { failure }));
    }
}
