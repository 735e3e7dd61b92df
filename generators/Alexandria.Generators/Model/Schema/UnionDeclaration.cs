namespace Alexandria.Generators.Model.Schema
{
    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> of object schemas told apart by one string <c>const</c> member: an abstract
    /// record whose cases are the sealed records of its branches.
    /// </summary>
    /// <param name="DiscriminatorJsonName">The JSON member that selects the case, e.g. <c>kind</c>.</param>
    /// <param name="DiscriminatorPropertyName">Its C# property, declared abstract on the base, e.g. <c>Kind</c>.</param>
    /// <param name="Cases">The cases in schema order.</param>
    /// <param name="SharedProperties">Members every case has with the same JSON name and type, declared on the base.</param>
    /// <param name="AbstractFlags">Flag properties every case carries, declared abstract on the base, e.g. <c>IsCounted</c>.</param>
    internal sealed record UnionDeclaration(
        string Name,
        string Description,
        string Pointer,
        string DiscriminatorJsonName,
        string DiscriminatorPropertyName,
        EquatableArray<UnionCase> Cases,
        EquatableArray<PropertyDeclaration> SharedProperties,
        EquatableArray<string> AbstractFlags)
        : TypeDeclaration(Name, Description, Pointer);

    /// <summary>One case: its record, its discriminator value and its flag values (in the order of the union's flags).</summary>
    internal sealed record UnionCase(string TypeName, string DiscriminatorValue, EquatableArray<FlagDeclaration> Flags);
}
