namespace Alexandria.Generators
{
    /// <summary>Names of the incremental pipeline steps, asserted by the caching tests.</summary>
    internal static class TrackingNames
    {
        public const string ContractFiles = nameof(ContractFiles);
        public const string ContractKinds = nameof(ContractKinds);
        public const string SchemaModels = nameof(SchemaModels);
        public const string ValidatorModels = nameof(ValidatorModels);
        public const string PromptModels = nameof(PromptModels);
        public const string OpenApiModels = nameof(OpenApiModels);
        public const string SchemaExports = nameof(SchemaExports);
        public const string InlineTypes = nameof(InlineTypes);
        public const string SchemaTypes = nameof(SchemaTypes);
        public const string ContractDrift = nameof(ContractDrift);
        public const string StructuredOutputs = nameof(StructuredOutputs);
    }
}
