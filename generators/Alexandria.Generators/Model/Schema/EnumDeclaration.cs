namespace Alexandria.Generators.Model.Schema
{
    /// <summary>A string <c>enum</c> as a C# enum whose converter keeps the JSON spellings.</summary>
    internal sealed record EnumDeclaration(string Name, string Description, string Pointer, EquatableArray<EnumMember> Members)
        : TypeDeclaration(Name, Description, Pointer);

    /// <summary>One enum value: its JSON spelling and its C# member name.</summary>
    internal sealed record EnumMember(string JsonValue, string MemberName);
}
