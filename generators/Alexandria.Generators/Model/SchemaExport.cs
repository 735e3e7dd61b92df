namespace Alexandria.Generators.Model
{
    /// <summary>
    /// What another contract needs to know about a schema definition it references across files:
    /// the definition's address and the C# type that represents it. Collected from every schema file
    /// so an OpenAPI document can use the types without depending on the whole schema model.
    /// </summary>
    /// <param name="FileName">The schema file's name, e.g. <c>output_schema.json</c>.</param>
    /// <param name="Pointer">The JSON pointer of the definition, e.g. <c>/$defs/run</c>.</param>
    /// <param name="TypeName">The fully qualified C# type, e.g. <c>global::Alexandria.Contracts.Run</c>.</param>
    /// <param name="ValidatorName">The fully qualified generated validator class for the definition, or empty.</param>
    internal sealed record SchemaExport(string FileName, string Pointer, string TypeName, string ValidatorName);
}
