using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Diagnostics
{
    /// <summary>
    /// The one catalogue of Alexandria diagnostics. IDs are grouped by area:
    /// ALX00xx contract files, ALX01xx JSON Schema, ALX02xx OpenAPI, ALX03xx prompt manifests,
    /// ALX04xx drift against the lock file, ALX05xx provider structured-output export, ALX1xxx analyzers over user code.
    /// Every ID has a section in docs/diagnostics.md.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string ContractCategory = "Alexandria.Contracts";
        private const string SchemaCategory = "Alexandria.Schema";
        private const string OpenApiCategory = "Alexandria.OpenApi";
        private const string PromptCategory = "Alexandria.Prompts";
        private const string DriftCategory = "Alexandria.Drift";
        private const string UsageCategory = "Alexandria.Usage";
        private const string StructuredOutputCategory = "Alexandria.StructuredOutput";

        public static readonly DiagnosticDescriptor InvalidJson = Create(
            "ALX0001", "Contract file is not valid JSON",
            "'{0}' is not valid JSON: {1}", ContractCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateMember = Create(
            "ALX0002", "Duplicate JSON member",
            "Member '{0}' appears more than once in the same object; only the last one would be used, so remove the duplicate",
            ContractCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnknownContractKind = Create(
            "ALX0003", "Unrecognized contract file",
            "'{0}' is neither a JSON Schema (with $defs), an OpenAPI 3.0/3.1 document nor a prompts manifest; give it one of those shapes or exclude it from AdditionalFiles",
            ContractCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor GeneratorFailure = Create(
            "ALX0004", "Alexandria could not compile a contract",
            "Alexandria could not compile '{0}': {1}. This is a bug in Alexandria; please report it with the contract",
            ContractCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidYaml = Create(
            "ALX0005", "Contract file is not valid YAML",
            "'{0}' is not valid YAML: {1}", ContractCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnresolvedReference = Create(
            "ALX0101", "Unresolved $ref",
            "$ref '{0}' does not resolve: {1}", SchemaCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedKeyword = Create(
            "ALX0102", "Unsupported schema keyword",
            "Keyword '{0}' is not supported by Alexandria and is ignored by generated types and validators; remove it or prefix it with 'x-' to mark it as an annotation",
            SchemaCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor NameCollision = Create(
            "ALX0103", "Generated name collision",
            "Schema '{0}' and schema '{1}' both generate the C# name '{2}'; rename one or set 'x-alexandria-name'",
            SchemaCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidKeywordValue = Create(
            "ALX0104", "Invalid schema keyword value",
            "Keyword '{0}' has an invalid value: {1}", SchemaCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidPattern = Create(
            "ALX0105", "Invalid regular expression",
            "Pattern '{0}' is not a valid regular expression: {1}", SchemaCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnknownMetaschema = Create(
            "ALX0106", "Unknown $schema",
            "$schema '{0}' names no JSON Schema draft Alexandria knows (draft-04, draft-06, draft-07, 2019-09, 2020-12) and no meta-schema registered with AlexandriaSchemaUri; the schema is compiled as {1}",
            SchemaCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnknownSchemaDraftOption = Create(
            "ALX0107", "Unknown AlexandriaSchemaDraft",
            "AlexandriaSchemaDraft '{0}' is not one of draft-04, draft-06, draft-07, 2019-09, 2020-12; schemas without $schema in this file are compiled as 2020-12",
            SchemaCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor TypedAsJsonElement = Create(
            "ALX0120", "Schema typed as JsonElement",
            "Schema '{0}' is typed as JsonElement: {1}", SchemaCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor ReferenceCycle = Create(
            "ALX0121", "Reference cycle with no base case",
            "'{0}' leads back to the schema it is in without reading any part of the instance ({1}), so validating anything would never end; give the recursion a base case, e.g. go through 'properties' or 'items'",
            SchemaCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateEnumValue = Create(
            "ALX0122", "Duplicate enum value",
            "Enum value {0} is listed more than once; remove the repetition",
            SchemaCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor EmptyEnum = Create(
            "ALX0123", "Empty enum",
            "This enum lists no value, so no instance is valid here; list the allowed values (or use 'false' if nothing is allowed on purpose)",
            SchemaCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor MissingOperationId = Create(
            "ALX0201", "Operation without operationId",
            "Operation '{0} {1}' has no operationId; its server method is named '{2}' from its method and path (add an operationId to choose the name)",
            OpenApiCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor DuplicateOperationId = Create(
            "ALX0202", "Duplicate operationId",
            "operationId '{0}' is used by more than one operation; operationIds must be unique",
            OpenApiCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedOpenApiVersion = Create(
            "ALX0203", "Unsupported OpenAPI version",
            "OpenAPI version '{0}' is not supported; Alexandria reads OpenAPI 3.0.x and 3.1.x documents",
            OpenApiCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor OperationNameCollision = Create(
            "ALX0204", "Operation name collision",
            "operationId '{0}' generates the C# name '{1}', which {2}; rename the operationId",
            OpenApiCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidOperation = Create(
            "ALX0205", "Invalid operation declaration",
            "Operation '{0}' is invalid: {1}", OpenApiCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor SwaggerNotSupported = Create(
            "ALX0206", "Swagger 2.0 is not supported",
            "'{0}' is a Swagger {1} document, which Alexandria does not read; convert it to OpenAPI 3.0 or 3.1 (for example with swagger2openapi) and nothing is generated from it until then",
            OpenApiCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor OpenApi30SchemaRewritten = Create(
            "ALX0207", "OpenAPI 3.0 schema keyword read as JSON Schema 2020-12",
            "OpenAPI 3.0 {0} is read as {1}",
            OpenApiCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor NotGenerated = Create(
            "ALX0208", "OpenAPI element not generated",
            "{0} '{1}' is not generated: {2}",
            OpenApiCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor DeviationAccepted = Create(
            "ALX0209", "OpenAPI deviation accepted",
            "{0}; Alexandria reads it as {1}",
            OpenApiCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UntypedBody = Create(
            "ALX0210", "OpenAPI value typed as JsonElement",
            "{0} is typed as JsonElement: {1}",
            OpenApiCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor PromptHashMismatch = Create(
            "ALX0301", "Prompt template hash mismatch",
            "Prompt '{0}' declares template_sha256 '{1}' but its template hashes to '{2}'; update the hash (and bump the version if the template changed on purpose)",
            PromptCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UndeclaredTemplateVariable = Create(
            "ALX0302", "Template variable not declared",
            "Prompt '{0}' uses '{{{{{1}}}}}' in its template but declares no variable '{1}'",
            PromptCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnusedTemplateVariable = Create(
            "ALX0303", "Declared variable not used",
            "Prompt '{0}' declares variable '{1}' but its template never uses it; remove the declaration or use it",
            PromptCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicatePromptId = Create(
            "ALX0304", "Duplicate prompt id",
            "Prompt id '{0}' is declared more than once; prompt ids must be unique",
            PromptCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidPrompt = Create(
            "ALX0305", "Invalid prompt declaration",
            "Prompt '{0}' is invalid: {1}", PromptCategory, DiagnosticSeverity.Error);

        // Drift against contracts/contracts.lock.json. The message is composed by Drift/Core (shared with
        // the CLI) and already says what to do: bump the version that owns the change, then re-lock.

        public static readonly DiagnosticDescriptor DriftContractRemoved = Create(
            "ALX0400", "Locked contract removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftDefinitionRemoved = Create(
            "ALX0401", "Schema definition removed or renamed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPropertyRemoved = Create(
            "ALX0402", "Property removed or renamed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftTypeChanged = Create(
            "ALX0403", "Schema type changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPropertyBecameRequired = Create(
            "ALX0404", "Property became required", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPropertyBecameOptional = Create(
            "ALX0405", "Property became optional", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftEnumNarrowed = Create(
            "ALX0406", "Enum value removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftUnionCaseRemoved = Create(
            "ALX0407", "Union case removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftConstChanged = Create(
            "ALX0408", "Const value changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPatternTightened = Create(
            "ALX0409", "Pattern added or changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftLengthTightened = Create(
            "ALX0410", "Length or size bound tightened", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftRangeTightened = Create(
            "ALX0411", "Numeric range tightened", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftFormatChanged = Create(
            "ALX0412", "Format added or changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftAdditionalPropertiesClosed = Create(
            "ALX0413", "Additional properties closed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftOperationRemoved = Create(
            "ALX0420", "Operation removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftOperationIdChanged = Create(
            "ALX0421", "operationId changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftOperationMoved = Create(
            "ALX0422", "Operation path or method changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftResponseRemoved = Create(
            "ALX0423", "Response removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftMediaTypeRemoved = Create(
            "ALX0424", "Media type removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftRequiredParameterAdded = Create(
            "ALX0425", "Required parameter or body added", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftParameterRemoved = Create(
            "ALX0426", "Parameter or request body removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptRemoved = Create(
            "ALX0430", "Prompt removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptVariableAdded = Create(
            "ALX0431", "Prompt variable added", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptVariableRemoved = Create(
            "ALX0432", "Prompt variable removed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptVariableRetyped = Create(
            "ALX0433", "Prompt variable retyped", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptTemplateChanged = Create(
            "ALX0434", "Prompt template changed without a version bump", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptOutputSchemaChanged = Create(
            "ALX0435", "Prompt output schema changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptRoleChanged = Create(
            "ALX0436", "Prompt role or kind changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptCacheBreakpointChanged = Create(
            "ALX0437", "Prompt cache breakpoint removed or moved", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptVariablesReordered = Create(
            "ALX0438", "Prompt variables reordered", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftPromptRenderingChanged = Create(
            "ALX0439", "Prompt rendering rules changed", "{0}", DriftCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DriftAcceptedByVersionBump = Create(
            "ALX0480", "Breaking change accepted by version bump", "{0}", DriftCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor DriftCompatibleChange = Create(
            "ALX0481", "Compatible contract change", "{0}", DriftCategory, DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor DriftStaleLock = Create(
            "ALX0490", "Lock file is stale", "{0}", DriftCategory, DiagnosticSeverity.Warning);


        public static readonly DiagnosticDescriptor DriftInvalidLockFile = Create(
            "ALX0491", "Lock file cannot be read", "{0}", DriftCategory, DiagnosticSeverity.Warning);

        // Analyzers over user code, checked against the contracts read from AdditionalFiles.
        public static readonly DiagnosticDescriptor OpenAiStrictSchemaFallback = Create(
            "ALX0501", "Output schema not expressible in OpenAI strict mode",
            "Prompt '{0}': keyword '{1}' at {2} cannot be expressed in an OpenAI strict json_schema: {3}. OutputSchemas.OpenAiStrict is null for this prompt and the runtime falls back to JSON mode + the generated validator + repair",
            StructuredOutputCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor AnthropicSchemaFallback = Create(
            "ALX0502", "Output schema not expressible in Anthropic structured output",
            "Prompt '{0}': keyword '{1}' at {2} cannot be expressed in an Anthropic structured-output schema: {3}. OutputSchemas.Anthropic is null for this prompt and the runtime falls back to JSON mode + the generated validator + repair",
            StructuredOutputCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor OllamaSchemaFallback = Create(
            "ALX0503", "Output schema not expressible as an Ollama format",
            "Prompt '{0}': keyword '{1}' at {2} cannot be expressed in an Ollama format schema: {3}. OutputSchemas.Ollama is null for this prompt and the runtime falls back to JSON mode + the generated validator + repair",
            StructuredOutputCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor UnknownContractName = Create(
            "ALX1001", "Name not defined by the contracts",
            "'{0}' is not a {1} defined by the contracts; {2}", UsageCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NonExhaustiveUnionSwitch = Create(
            "ALX1002", "Switch over a contract union is not exhaustive",
            "This switch over '{0}' does not handle {1}; add a case for each, so a case added to the contract's oneOf fails the build here instead of falling through",
            UsageCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NonDeterministicPromptAssembly = Create(
            "ALX1003", "Non-deterministic call in deterministic prompt assembly",
            "{0} {1}, so '{2}' (marked [{3}]) would not give byte-identical prompts for the same inputs and breaks prompt-cache stability; pass the value in, or sort before enumerating",
            UsageCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InlinedEvidence = Create(
            "ALX1004", "Evidence text inlined where the contract wants a pointer",
            "{0} looks like evidence text, but '{1}' is an identifier of an evidence pointer; keep the text in the evidence store and pass its evidence_id, chunk_id and span",
            UsageCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor LiteralViolatesContract = Create(
            "ALX1005", "Literal violates the contract",
            "{0} = {1} violates the contract: {2} (property '{3}'), so the generated validator will reject it",
            UsageCategory, DiagnosticSeverity.Warning);

        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
            .GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null))
            .ToDictionary(d => d.Id);

        /// <summary>Every descriptor in the catalogue, for the docs test and analyzers.</summary>
        public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal);

        public static DiagnosticDescriptor ById(string id) => s_byId[id];

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity)
            => new DiagnosticDescriptor(
                id,
                title,
                message,
                category,
                severity,
                isEnabledByDefault: true,
                helpLinkUri: "https://github.com/alexandria-contracts/alexandria/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());
    }
}
