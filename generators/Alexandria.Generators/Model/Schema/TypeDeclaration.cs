namespace Alexandria.Generators.Model.Schema
{
    /// <summary>A C# type the types area declares: a record, a closed union or an enum.</summary>
    /// <param name="Name">The simple C# name, unique in the contract's namespace.</param>
    /// <param name="Description">The schema's <c>description</c>, for the XML doc; empty when none.</param>
    /// <param name="Pointer">The JSON pointer of the schema the type comes from, for the doc comment.</param>
    internal abstract record TypeDeclaration(string Name, string Description, string Pointer);
}
