namespace Alexandria.Generators.Model.Validation
{
    /// <summary>
    /// A JSON value a schema compares instances with (<c>const</c>, an <c>enum</c> member), written as
    /// compact JSON. Strings are also kept decoded so the emitter can compare them without allocating.
    /// </summary>
    /// <param name="Json">The value as compact JSON text.</param>
    /// <param name="StringValue">The decoded string when the value is a JSON string; otherwise null.</param>
    internal sealed record ConstantModel(string Json, string? StringValue);
}
