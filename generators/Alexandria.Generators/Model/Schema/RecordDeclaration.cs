namespace Alexandria.Generators.Model.Schema
{
    /// <summary>An object schema as a <c>sealed partial record</c>, optionally a case of a closed union.</summary>
    /// <param name="Properties">Every JSON member in write order, including those declared on the union base.</param>
    /// <param name="Flags">Boolean <c>x-alexandria-*</c> annotations.</param>
    /// <param name="BaseName">The fully qualified union base when this record is one of its cases; null otherwise.</param>
    internal sealed record RecordDeclaration(
        string Name,
        string Description,
        string Pointer,
        EquatableArray<PropertyDeclaration> Properties,
        EquatableArray<FlagDeclaration> Flags,
        string? BaseName)
        : TypeDeclaration(Name, Description, Pointer);
}
