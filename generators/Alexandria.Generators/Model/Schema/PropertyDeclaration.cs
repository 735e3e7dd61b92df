namespace Alexandria.Generators.Model.Schema
{
    /// <summary>One member of an object schema, after <c>allOf</c> flattening, in schema order (the order it is written in).</summary>
    /// <param name="JsonName">The member's name in JSON.</param>
    /// <param name="PropertyName">The C# property name, unique within the record.</param>
    /// <param name="Type">Its type; <see cref="TypeReference.IsNullable"/> says whether JSON null is allowed.</param>
    /// <param name="IsRequired">Listed in <c>required</c>: a <c>required</c> C# member, always written.</param>
    /// <param name="ConstValue">For a string <c>const</c> member, the constant: a get-only property, checked on read.</param>
    /// <param name="Description">The member's <c>description</c>; empty when none.</param>
    /// <param name="IsInherited">Declared on the union base (shared by every case), so the case record does not redeclare it.</param>
    internal sealed record PropertyDeclaration(
        string JsonName,
        string PropertyName,
        TypeReference Type,
        bool IsRequired,
        string? ConstValue,
        string Description,
        bool IsInherited)
    {
        public bool IsConstant => ConstValue is not null;

        /// <summary>The C# type is nullable when JSON allows null or the member may be absent.</summary>
        public bool IsCSharpNullable => Type.IsNullable || !IsRequired;

        /// <summary>
        /// Optional and null-allowing: absent and <c>null</c> are different documents, so the member is an
        /// <c>Optional&lt;T?&gt;</c>. (Raw JSON needs no wrapper: a <c>JsonElement</c> holds JSON null itself.)
        /// </summary>
        public bool IsOptionalNullable => !IsRequired && !IsConstant && Type.IsNullable && Type.Kind != TypeReferenceKind.Json;
    }
}
