namespace Alexandria.Generators.Model.StrictSchemas
{
    /// <summary>How the OpenAI reply mapping walks one kind of value.</summary>
    internal enum ReplyShapeKind
    {
        /// <summary>An object: members made present-and-nullable by the export lose their null; others are walked or copied.</summary>
        Object,

        /// <summary>An array: every item is walked with <see cref="ReplyShape.Items"/>.</summary>
        Array,

        /// <summary>A union of object branches told apart by the const value of <see cref="ReplyShape.Discriminator"/>.</summary>
        Discriminated,

        /// <summary>A union whose branches needing a walk are told apart by JSON kind (one object branch, one array branch).</summary>
        ByKind,
    }

    /// <summary>
    /// One step of the generated nullable→absent mapping, as plain data. Shapes refer to each other by
    /// <see cref="Id"/> (so recursive schemas map), and -1 means "copy the value unchanged".
    /// </summary>
    internal sealed record ReplyShape(
        int Id,
        ReplyShapeKind Kind,
        EquatableArray<ReplyMember> Members,
        int Items,
        string Discriminator,
        EquatableArray<ReplyBranch> Branches);

    /// <summary>A member of an object shape.</summary>
    /// <param name="ForcedNullable">Optional in the contract and made required-and-nullable by the export: a null is removed.</param>
    internal sealed record ReplyMember(string Name, int Shape, bool ForcedNullable);

    /// <summary>A union branch: the const value (JSON text) or the JSON kind (<c>Object</c>/<c>Array</c>) that selects it.</summary>
    internal sealed record ReplyBranch(string Match, int Shape);
}
