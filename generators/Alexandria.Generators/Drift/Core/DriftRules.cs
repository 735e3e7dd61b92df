namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// The drift rule IDs (ALX04xx). Titles, messages and severities live in the one catalogue,
    /// <c>Diagnostics/DiagnosticDescriptors.cs</c>; these constants let the Roslyn-free differ and
    /// the CLI name the rule without referencing Roslyn. A test keeps the two in step.
    /// </summary>
    internal static class DriftRules
    {
        // Breaking: whole contracts and JSON Schema.
        public const string ContractRemoved = "ALX0400";
        public const string DefinitionRemoved = "ALX0401";
        public const string PropertyRemoved = "ALX0402";
        public const string TypeChanged = "ALX0403";
        public const string PropertyBecameRequired = "ALX0404";
        public const string PropertyBecameOptional = "ALX0405";
        public const string EnumNarrowed = "ALX0406";
        public const string UnionCaseRemoved = "ALX0407";
        public const string ConstChanged = "ALX0408";
        public const string PatternTightened = "ALX0409";
        public const string LengthTightened = "ALX0410";
        public const string RangeTightened = "ALX0411";
        public const string FormatChanged = "ALX0412";
        public const string AdditionalPropertiesClosed = "ALX0413";

        // Breaking: OpenAPI.
        public const string OperationRemoved = "ALX0420";
        public const string OperationIdChanged = "ALX0421";
        public const string OperationMoved = "ALX0422";
        public const string ResponseRemoved = "ALX0423";
        public const string MediaTypeRemoved = "ALX0424";
        public const string RequiredParameterAdded = "ALX0425";
        public const string ParameterRemoved = "ALX0426";

        // Breaking: prompts manifest.
        public const string PromptRemoved = "ALX0430";
        public const string PromptVariableAdded = "ALX0431";
        public const string PromptVariableRemoved = "ALX0432";
        public const string PromptVariableRetyped = "ALX0433";
        public const string PromptTemplateChanged = "ALX0434";
        public const string PromptOutputSchemaChanged = "ALX0435";
        public const string PromptRoleChanged = "ALX0436";
        public const string PromptCacheBreakpointChanged = "ALX0437";
        public const string PromptVariablesReordered = "ALX0438";
        public const string PromptRenderingChanged = "ALX0439";

        // Outcomes and the lock itself.
        public const string AcceptedByVersionBump = "ALX0480";
        public const string CompatibleChange = "ALX0481";
        public const string StaleLock = "ALX0490";
        public const string InvalidLockFile = "ALX0491";

        /// <summary>Every breaking rule, in ID order.</summary>
        public static readonly string[] Breaking =
        {
            ContractRemoved, DefinitionRemoved, PropertyRemoved, TypeChanged, PropertyBecameRequired, PropertyBecameOptional,
            EnumNarrowed, UnionCaseRemoved, ConstChanged, PatternTightened, LengthTightened, RangeTightened, FormatChanged,
            AdditionalPropertiesClosed, OperationRemoved, OperationIdChanged, OperationMoved, ResponseRemoved, MediaTypeRemoved,
            RequiredParameterAdded, ParameterRemoved, PromptRemoved, PromptVariableAdded, PromptVariableRemoved,
            PromptVariableRetyped, PromptTemplateChanged, PromptOutputSchemaChanged, PromptRoleChanged,
            PromptCacheBreakpointChanged, PromptVariablesReordered, PromptRenderingChanged,
        };
    }
}
