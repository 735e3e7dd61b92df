using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>A resource's draft and the vocabularies its meta-schema turns on.</summary>
    internal readonly struct Dialect
    {
        public Dialect(SchemaDraft draft, Vocabularies vocabularies)
        {
            Draft = draft;
            Vocabularies = vocabularies;
        }

        public SchemaDraft Draft { get; }

        public Vocabularies Vocabularies { get; }
    }

    /// <summary>
    /// What a schema object's identifier says, per draft: draft 4 spells it <c>id</c>; before 2019-09 a
    /// fragment (<c>"$id": "#foo"</c>, <c>"$id": "other.json#foo"</c>) names a plain-name anchor, and a
    /// sibling <c>$ref</c> makes the identifier void (the whole object is the reference).
    /// </summary>
    internal readonly struct Identity
    {
        private Identity(string? id, string? anchor)
        {
            Id = id;
            Anchor = anchor;
        }

        /// <summary>The identifier without its fragment, when it names a (new) resource.</summary>
        public string? Id { get; }

        /// <summary>The plain-name anchor the identifier's fragment declares (drafts 4 to 7).</summary>
        public string? Anchor { get; }

        public static Identity Of(JsonObject obj, SchemaDraft draft)
        {
            if ((SchemaDrafts.RefIgnoresSiblings(draft) && obj["$ref"] is JsonString) || obj.GetString(SchemaDrafts.IdKeyword(draft)) is not string id)
            {
                return default;
            }

            var target = SchemaUri.WithoutFragment(id, out var fragment);
            var anchor = draft < SchemaDraft.Draft201909 && !string.IsNullOrEmpty(fragment) && fragment![0] != '/' ? fragment : null;
            return new Identity(target.Length > 0 ? target : null, anchor);
        }
    }
}
