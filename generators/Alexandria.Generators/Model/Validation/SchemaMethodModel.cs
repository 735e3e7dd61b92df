namespace Alexandria.Generators.Model.Validation
{
    /// <summary>
    /// One subschema compiled to one generated method. Holds each keyword's value as plain data;
    /// subschemas are indices into <see cref="ValidatorModel.Methods"/>. A null or empty member means
    /// the keyword is absent (or belongs to a vocabulary the schema's meta-schema turned off).
    /// </summary>
    internal sealed record SchemaMethodModel
    {
        public int Index { get; init; }

        /// <summary>The schema's location, e.g. <c>#/$defs/run/properties/id</c>; keyword locations append to it.</summary>
        public string Location { get; init; } = "";

        /// <summary>The schema resource this subschema belongs to; entering a different one extends the dynamic scope.</summary>
        public int Resource { get; init; }

        /// <summary>The boolean schemas <c>true</c> and <c>false</c>.</summary>
        public bool? Constant { get; init; }

        public JsonTypes Types { get; init; }

        public int? Const { get; init; }

        public EquatableArray<int> Enum { get; init; } = EquatableArray<int>.Empty;

        public bool HasEnum { get; init; }

        public NumberLimitModel? Minimum { get; init; }

        public NumberLimitModel? ExclusiveMinimum { get; init; }

        public NumberLimitModel? Maximum { get; init; }

        public NumberLimitModel? ExclusiveMaximum { get; init; }

        public NumberLimitModel? MultipleOf { get; init; }

        public long? MinLength { get; init; }

        public long? MaxLength { get; init; }

        public int? Pattern { get; init; }

        public string? PatternSource { get; init; }

        public string? Format { get; init; }

        public long? MinItems { get; init; }

        public long? MaxItems { get; init; }

        public bool UniqueItems { get; init; }

        public int? Contains { get; init; }

        public long? MinContains { get; init; }

        public long? MaxContains { get; init; }

        public EquatableArray<int> PrefixItems { get; init; } = EquatableArray<int>.Empty;

        public int? Items { get; init; }

        /// <summary>The keyword <see cref="Items"/> came from, for error locations: <c>items</c>, or <c>additionalItems</c> before 2020-12.</summary>
        public string ItemsKeyword { get; init; } = "items";

        public int? UnevaluatedItems { get; init; }

        public long? MinProperties { get; init; }

        public long? MaxProperties { get; init; }

        public EquatableArray<string> Required { get; init; } = EquatableArray<string>.Empty;

        public EquatableArray<NamedSchemaModel> Properties { get; init; } = EquatableArray<NamedSchemaModel>.Empty;

        public EquatableArray<PatternSchemaModel> PatternProperties { get; init; } = EquatableArray<PatternSchemaModel>.Empty;

        public int? AdditionalProperties { get; init; }

        public int? PropertyNames { get; init; }

        public int? UnevaluatedProperties { get; init; }

        public EquatableArray<DependentRequiredModel> DependentRequired { get; init; } = EquatableArray<DependentRequiredModel>.Empty;

        public EquatableArray<NamedSchemaModel> DependentSchemas { get; init; } = EquatableArray<NamedSchemaModel>.Empty;

        public EquatableArray<int> AllOf { get; init; } = EquatableArray<int>.Empty;

        public EquatableArray<int> AnyOf { get; init; } = EquatableArray<int>.Empty;

        public EquatableArray<int> OneOf { get; init; } = EquatableArray<int>.Empty;

        public int? Not { get; init; }

        public int? If { get; init; }

        public int? Then { get; init; }

        public int? Else { get; init; }

        public int? Ref { get; init; }

        public DynamicReferenceModel? DynamicRef { get; init; }

        /// <summary>Set when a <c>$ref</c> cannot be resolved: the schema then fails every instance with this reason.</summary>
        public string? UnresolvedReference { get; init; }

        /// <summary>Whether <c>format</c> asserts here regardless of options (the meta-schema declares format-assertion).</summary>
        public bool AlwaysAssertFormat { get; init; }
    }
}
