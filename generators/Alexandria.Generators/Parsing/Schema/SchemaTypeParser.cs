using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Emitting.Types;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The types area's parser: a JSON Schema file's <c>$defs</c> become records, closed unions and enums.
    /// Classify every definition first (shape, name, union membership), then build types from the
    /// classification, then freeze drafts into the equatable model.
    /// </summary>
    internal static class SchemaTypeParser
    {
        public static SchemaTypesModel Parse(ContractFile file) => Parse(file, ContractDocument.Load(file, new List<DiagnosticInfo>()));

        /// <param name="parsed">The file's text as classification parsed it (null when it is not JSON).</param>
        public static SchemaTypesModel Parse(ContractFile file, ContractDocument? parsed)
        {
            var diagnostics = new List<DiagnosticInfo>();

            // Invalid JSON and duplicate members were reported when the file was classified; an OpenAPI document is read as its schema view.
            var document = ContractDocument.SchemasOf(file, parsed, diagnostics);
            if (document is null)
            {
                return Empty(file);
            }

            UnsupportedKeywordScanner.Scan(document, diagnostics);
            KeywordValueScanner.Scan(document, diagnostics);
            var schemaFile = new SchemaFile(document);
            var definitions = DefinitionClassifier.Classify(schemaFile, diagnostics);
            // SchemasOf made a new document exactly when the file is an OpenAPI document read as its schema view.
            var builder = new SchemaTypeBuilder(schemaFile, file.Namespace, definitions, diagnostics) { OpenObjectsAsMaps = !ReferenceEquals(document, parsed) };

            var exports = new List<SchemaExport>();
            foreach (var definition in schemaFile.Definitions)
            {
                var info = definitions[definition.Name];
                var type = builder.DefinitionType(info);
                if (!type.HasExternal)
                {
                    exports.Add(new SchemaExport(
                        file.FileName,
                        "/$defs/" + JsonDocumentParser.EscapePointerToken(definition.Name),
                        CSharpTypeNames.Of(type),
                        "global::" + file.Namespace + "." + SchemaNaming.ValidatorName(info.TypeName)));
                }
            }

            var types = builder.Declarations
                .Select(d => d is RecordDraft draft ? draft.Freeze() : (TypeDeclaration)d)
                .ToEquatableArray();
            return new SchemaTypesModel(file.FileName, file.Namespace, types, exports.ToEquatableArray(), diagnostics.Distinct().ToEquatableArray());
        }

        public static SchemaTypesModel Failed(ContractFile file, DiagnosticInfo failure)
            => Empty(file) with { Diagnostics = new EquatableArray<DiagnosticInfo>(new[] { failure }) };

        private static SchemaTypesModel Empty(ContractFile file)
            => new SchemaTypesModel(file.FileName, file.Namespace, EquatableArray<TypeDeclaration>.Empty, EquatableArray<SchemaExport>.Empty, EquatableArray<DiagnosticInfo>.Empty);
    }
}
