namespace Alexandria.Generators.Model
{
    /// <summary>
    /// A schema the types area made a type of although it is not a <c>$defs</c> entry (an inline object or enum, named
    /// after where it is written, e.g. <c>DrawingOrigin</c>). The validator area gives it a validator too, so every
    /// generated type's typed <c>Parse</c> can validate before it reads.
    /// </summary>
    /// <param name="FileName">The schema file's name.</param>
    /// <param name="Pointer">The schema's JSON pointer in that file, e.g. <c>/$defs/drawing/properties/origin</c>.</param>
    /// <param name="TypeName">The generated type's simple name; its validator is the name + <c>Validator</c>.</param>
    internal sealed record InlineTypeSchema(string FileName, string Pointer, string TypeName)
    {
        /// <summary>Whether <paramref name="pointer"/> is a top-level definition (<c>/$defs/name</c>), which has a validator anyway.</summary>
        public static bool IsDefinition(string pointer)
            => pointer.StartsWith("/$defs/", System.StringComparison.Ordinal) && pointer.IndexOf('/', "/$defs/".Length) < 0;

        /// <summary>The entries of <paramref name="all"/> written in <paramref name="fileName"/>, in their order.</summary>
        public static EquatableArray<InlineTypeSchema> Of(EquatableArray<InlineTypeSchema> all, string fileName)
        {
            var own = new System.Collections.Generic.List<InlineTypeSchema>();
            foreach (var inline in all)
            {
                if (inline.FileName == fileName)
                {
                    own.Add(inline);
                }
            }

            return own.Count == 0 ? EquatableArray<InlineTypeSchema>.Empty : own.ToEquatableArray();
        }
    }
}
