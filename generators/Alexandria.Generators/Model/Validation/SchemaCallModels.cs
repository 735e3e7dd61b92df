namespace Alexandria.Generators.Model.Validation
{
    /// <summary>A subschema applied to the value of one named member (<c>properties</c>, <c>dependentSchemas</c>).</summary>
    internal sealed record NamedSchemaModel(string Name, int Method);

    /// <summary>A subschema applied to members whose names match <see cref="Pattern"/> (an index into the pattern table).</summary>
    internal sealed record PatternSchemaModel(int Pattern, string Source, int Method);

    /// <summary><c>dependentRequired</c>: when <see cref="Name"/> is present, every one of <see cref="Required"/> must be.</summary>
    internal sealed record DependentRequiredModel(string Name, EquatableArray<string> Required);

    /// <summary>
    /// A <c>$dynamicRef</c>: <see cref="Fallback"/> is the statically resolved target; when
    /// <see cref="IsDynamic"/> the outermost resource in the dynamic scope with a <c>$dynamicAnchor</c>
    /// named <see cref="Anchor"/> wins instead. 2019-09's <c>$recursiveRef</c> is one too (<see cref="Keyword"/>
    /// says which, for error locations).
    /// </summary>
    internal sealed record DynamicReferenceModel(string Anchor, int Fallback, bool IsDynamic, string Keyword = "$dynamicRef");

    /// <summary>A numeric limit exactly as the schema writes it, so the emitter can pick decimal or double.</summary>
    internal sealed record NumberLimitModel(string Text);
}
