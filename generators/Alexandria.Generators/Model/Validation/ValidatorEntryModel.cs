namespace Alexandria.Generators.Model.Validation
{
    /// <summary>
    /// One public validator class: a <c>$defs</c> entry (<c>EvidencePointerValidator</c>) or the root of a
    /// validator-only file. <paramref name="Method"/> indexes <see cref="ValidatorModel.Methods"/>.
    /// </summary>
    /// <param name="ClassName">The C# class name, e.g. <c>EvidencePointerValidator</c>.</param>
    /// <param name="SchemaPointer">Where the schema is, e.g. <c>#/$defs/evidence_pointer</c>, for the class's docs.</param>
    /// <param name="Method">The compiled subschema the validator starts from.</param>
    /// <param name="DocumentResource">The resource of the document root, which opens the dynamic scope.</param>
    internal sealed record ValidatorEntryModel(string ClassName, string SchemaPointer, int Method, int DocumentResource);
}
