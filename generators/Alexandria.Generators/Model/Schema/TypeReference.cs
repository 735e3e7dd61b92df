namespace Alexandria.Generators.Model.Schema
{
    /// <summary>
    /// The type of one value (a property, a list item, a definition) as plain data. Recursive through
    /// <see cref="Element"/> for lists and dictionaries.
    /// </summary>
    /// <param name="Kind">The shape.</param>
    /// <param name="Name">For <see cref="TypeReferenceKind.Named"/> the fully qualified C# name; for <see cref="TypeReferenceKind.External"/> the target file name.</param>
    /// <param name="Element">Item type of a list or value type of a dictionary.</param>
    /// <param name="IsNullable">Whether JSON <c>null</c> is a valid value (<c>"type": ["T", "null"]</c>).</param>
    /// <param name="Pointer">For <see cref="TypeReferenceKind.External"/>, the JSON pointer inside the target file.</param>
    /// <param name="Location">For <see cref="TypeReferenceKind.External"/>, where the <c>$ref</c> is, to report it if it does not resolve.</param>
    internal sealed record TypeReference(
        TypeReferenceKind Kind,
        string Name = "",
        TypeReference? Element = null,
        bool IsNullable = false,
        string Pointer = "",
        SourceLocation? Location = null)
    {
        public static readonly TypeReference Json = new TypeReference(TypeReferenceKind.Json);

        public static TypeReference Of(TypeReferenceKind kind) => new TypeReference(kind);

        public static TypeReference NamedType(string fullyQualifiedName) => new TypeReference(TypeReferenceKind.Named, fullyQualifiedName);

        public static TypeReference ListOf(TypeReference element) => new TypeReference(TypeReferenceKind.List, Element: element);

        public static TypeReference DictionaryOf(TypeReference element) => new TypeReference(TypeReferenceKind.Dictionary, Element: element);

        public TypeReference AsNullable(bool nullable = true) => nullable == IsNullable ? this : this with { IsNullable = nullable };

        /// <summary>
        /// This type, also allowing null when <paramref name="allowsNull"/>; never takes null away, so a <c>$ref</c> to
        /// a definition that allows null reads null too (a type that accepts more than the validator is harmless; one
        /// that accepts less fails on valid documents).
        /// </summary>
        public TypeReference OrNull(bool allowsNull) => allowsNull ? AsNullable() : this;

        /// <summary>Whether this type, or any type inside it, still waits for cross-file resolution.</summary>
        public bool HasExternal => Kind == TypeReferenceKind.External || (Element?.HasExternal ?? false);

        /// <summary>Lists, dictionaries and raw JSON break record value equality, so records holding them get generated equality.</summary>
        public bool NeedsStructuralEquality => Kind is TypeReferenceKind.List or TypeReferenceKind.Dictionary or TypeReferenceKind.Json;
    }
}
