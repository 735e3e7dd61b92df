using Alexandria.Generators.Model;
using Alexandria.Generators.Model.OpenApi;

namespace Alexandria.Generators.Parsing.OpenApi
{
    internal static class OpenApiParser
    {
        public static OpenApiModel Parse(ContractFile file, EquatableArray<SchemaExport> exports)
            => new OpenApiModel(file.FileName, file.Namespace, EquatableArray<DiagnosticInfo>.Empty);

        public static OpenApiModel Failed(ContractFile file, DiagnosticInfo failure)
            => new OpenApiModel(file.FileName, file.Namespace, new EquatableArray<DiagnosticInfo>(new[] { failure }));
    }
}
