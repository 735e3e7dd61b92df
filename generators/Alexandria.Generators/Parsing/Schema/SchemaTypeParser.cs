using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    internal static class SchemaTypeParser
    {
        public static SchemaTypesModel Parse(ContractFile file)
            => new SchemaTypesModel(file.FileName, file.Namespace, EquatableArray<SchemaExport>.Empty, EquatableArray<DiagnosticInfo>.Empty);

        public static SchemaTypesModel Failed(ContractFile file, DiagnosticInfo failure)
            => new SchemaTypesModel(file.FileName, file.Namespace, EquatableArray<SchemaExport>.Empty, new EquatableArray<DiagnosticInfo>(new[] { failure }));
    }
}
