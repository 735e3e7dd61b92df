using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Validation;
using Alexandria.Generators.Parsing.OpenApi;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Reads a JSON Schema contract into a <see cref="ValidatorModel"/>: one validator per <c>$defs</c>
    /// entry, or one root validator for a validator-only file (<c>AlexandriaEmit="validators"</c>).
    /// </summary>
    internal static class ValidatorParser
    {
        /// <summary>Root keyword that turns <c>format</c> assertion on or off for a whole contract.</summary>
        public const string AssertFormatsKeyword = "x-alexandria-assert-formats";

        public static ValidatorModel Parse(ContractFile file) => Parse(file, EquatableArray<SchemaDocumentSource>.Empty);

        public static ValidatorModel Parse(ContractFile file, EquatableArray<SchemaDocumentSource> documents)
            => Parse(file, documents, EquatableArray<InlineTypeSchema>.Empty);

        /// <param name="inlineTypes">Inline schemas the types area made types of (any file's; this file's are used), each of which gets a validator.</param>
        public static ValidatorModel Parse(ContractFile file, EquatableArray<SchemaDocumentSource> documents, EquatableArray<InlineTypeSchema> inlineTypes)
            => Parse(file, ContractDocument.Load(file, new List<DiagnosticInfo>()), documents, inlineTypes);

        /// <param name="parsed">The file's text as classification parsed it (null when it is not JSON).</param>
        public static ValidatorModel Parse(ContractFile file, ContractDocument? parsed, EquatableArray<SchemaDocumentSource> documents, EquatableArray<InlineTypeSchema> inlineTypes)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var contract = ContractDocument.SchemasOf(file, parsed, new List<DiagnosticInfo>());
            if (contract is null)
            {
                // Not JSON: reported once by classification.
                return ValidatorModel.Empty(file, EquatableArray<DiagnosticInfo>.Empty);
            }

            var byUri = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                byUri[SchemaUri.Canonical(document.Uri)] = document.Text;
            }

            var draft = DefaultDraft(file, contract, diagnostics);
            var index = new SchemaIndex(uri => byUri.TryGetValue(uri, out var text) ? text : BuiltInMetaschemas.TryGet(uri), draft);
            var loaded = index.Add(ContractBaseUri(file), contract.Root, isContract: true);
            foreach (var unknown in index.UnknownMetaschemas)
            {
                diagnostics.Add(contract.Diagnostic(DiagnosticDescriptors.UnknownMetaschema, unknown.Value, ((JsonString)unknown.Value).Value, DraftName(index.ScopeOf(unknown.Value).Resource.Draft)));
            }

            var validatorOnly = file.IsValidatorOnly;
            if (validatorOnly)
            {
                // A $defs contract's keyword values are checked once, by the types area.
                Schema.KeywordValueScanner.Scan(contract, diagnostics);
            }

            var compiler = new SchemaCompiler(index, contract, reportEveryReference: validatorOnly, diagnostics);
            var documentResource = compiler.ResourceId(index.ScopeOf(contract.Root).Resource);

            var entries = new List<ValidatorEntryModel>();
            if (validatorOnly)
            {
                var name = string.IsNullOrWhiteSpace(file.ValidatorName) ? SchemaNaming.RootValidatorName(file.FileName) : file.ValidatorName.Trim();
                entries.Add(new ValidatorEntryModel(name, "#", compiler.Require(contract.Root), documentResource));
            }
            else if (contract.Root is JsonObject root && root["$defs"] is JsonObject definitions)
            {
                var taken = new HashSet<string>(StringComparer.Ordinal);
                foreach (var definition in definitions.Properties)
                {
                    var nameOverride = (definition.Value as JsonObject)?.GetString(SchemaNaming.NameOverrideKeyword);
                    var name = SchemaNaming.ValidatorName(SchemaNaming.TypeName(definition.Name, nameOverride));

                    // A collision is reported (ALX0103) by the types area; the validator keeps the first.
                    if (taken.Add(name))
                    {
                        entries.Add(new ValidatorEntryModel(name, "#" + definition.Value.Pointer, compiler.Require(definition.Value), documentResource));
                    }
                }

                foreach (var inline in inlineTypes)
                {
                    if (inline.FileName != file.FileName)
                    {
                        continue;
                    }

                    var name = SchemaNaming.ValidatorName(inline.TypeName);
                    if (LocalReferences.Resolve(contract.Root, "#" + inline.Pointer) is { } schema && taken.Add(name))
                    {
                        entries.Add(new ValidatorEntryModel(name, "#" + inline.Pointer, compiler.Require(schema), documentResource));
                    }
                }
            }

            compiler.Run();
            compiler.ReportInPlaceCycles();
            return new ValidatorModel(
                file.FileName,
                file.Namespace,
                SchemaNaming.CompiledValidatorsName(file.FileName),
                AssertFormatsByDefault(file, contract.Root),
                entries.ToEquatableArray(),
                compiler.Methods.ToEquatableArray(),
                compiler.Patterns.ToEquatableArray(),
                compiler.Constants.ToEquatableArray(),
                compiler.DynamicAnchors.ToEquatableArray(),
                diagnostics.ToEquatableArray());
        }

        public static ValidatorModel Failed(ContractFile file, DiagnosticInfo failure)
            => ValidatorModel.Empty(file, new EquatableArray<DiagnosticInfo>(new[] { failure }));

        /// <summary>
        /// Format assertion: the contract's <c>x-alexandria-assert-formats</c>, else the file's
        /// <c>AlexandriaAssertFormats</c> metadata, else on for <c>$defs</c> contracts (Alexandria's own
        /// uuids and timestamps must be checked) and off for validator-only files, as draft 2020-12 says.
        /// </summary>
        private static bool AssertFormatsByDefault(ContractFile file, JsonNode root)
        {
            if (root is JsonObject obj && obj[AssertFormatsKeyword] is JsonNode flag && flag.Kind is JsonNodeKind.True or JsonNodeKind.False)
            {
                return flag.Kind == JsonNodeKind.True;
            }

            if (bool.TryParse(file.AssertFormats, out var configured))
            {
                return configured;
            }

            return !file.IsValidatorOnly;
        }

        /// <summary>The draft of the file's documents without <c>$schema</c>: its <c>AlexandriaSchemaDraft</c>, else 2020-12.</summary>
        private static SchemaDraft DefaultDraft(ContractFile file, ContractDocument contract, List<DiagnosticInfo> diagnostics)
        {
            if (file.SchemaDraft.Length == 0)
            {
                return SchemaDrafts.Default;
            }

            if (SchemaDrafts.FromOption(file.SchemaDraft) is SchemaDraft configured)
            {
                return configured;
            }

            diagnostics.Add(contract.Diagnostic(DiagnosticDescriptors.UnknownSchemaDraftOption, contract.Root, file.SchemaDraft));
            return SchemaDrafts.Default;
        }

        private static string DraftName(SchemaDraft draft)
        {
            switch (draft)
            {
                case SchemaDraft.Draft4: return "draft-04";
                case SchemaDraft.Draft6: return "draft-06";
                case SchemaDraft.Draft7: return "draft-07";
                case SchemaDraft.Draft201909: return "2019-09";
                default: return "2020-12";
            }
        }

        /// <summary>The base URI of a contract without <c>$id</c>: a stable, never-retrieved address built from its name.</summary>
        private static string ContractBaseUri(ContractFile file)
            => string.IsNullOrEmpty(file.SchemaUri) ? "https://alexandria.invalid/contracts/" + Uri.EscapeDataString(file.FileName) : file.SchemaUri;
    }
}
