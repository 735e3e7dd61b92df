namespace Alexandria.Generators.Model.Schema
{
    /// <summary>
    /// A boolean <c>x-alexandria-&lt;name&gt;</c> annotation on a schema, surfaced as a get-only
    /// <c>bool Is&lt;Name&gt;</c> so the runtime reads facts such as "counted" from the contract, not from a list of its own.
    /// </summary>
    /// <param name="PropertyName">The C# property, e.g. <c>IsCounted</c>.</param>
    /// <param name="Value">The annotation's value.</param>
    /// <param name="IsOverride">The union base declares it abstract, so the case overrides it.</param>
    internal sealed record FlagDeclaration(string PropertyName, bool Value, bool IsOverride);
}
