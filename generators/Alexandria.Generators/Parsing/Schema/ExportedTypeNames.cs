using Alexandria.Generators.Emitting.Types;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Reads a <c>SchemaExport.TypeName</c> (spelled by <see cref="CSharpTypeNames"/>) back into a
    /// <see cref="TypeReference"/>, so a cross-file <c>$ref</c> is (de)serialized like a local one.
    /// </summary>
    internal static class ExportedTypeNames
    {
        public static TypeReference Parse(string typeName)
        {
            var nullable = typeName.EndsWith("?", System.StringComparison.Ordinal);
            var name = nullable ? typeName.Substring(0, typeName.Length - 1) : typeName;
            return ParseNonNullable(name).AsNullable(nullable);
        }

        private static TypeReference ParseNonNullable(string name)
        {
            switch (name)
            {
                case "string": return TypeReference.Of(TypeReferenceKind.String);
                case "long": return TypeReference.Of(TypeReferenceKind.Integer);
                case "double": return TypeReference.Of(TypeReferenceKind.Number);
                case "bool": return TypeReference.Of(TypeReferenceKind.Boolean);
                case "global::System.Guid": return TypeReference.Of(TypeReferenceKind.Guid);
                case "global::System.DateTimeOffset": return TypeReference.Of(TypeReferenceKind.DateTimeOffset);
                case "global::System.DateOnly": return TypeReference.Of(TypeReferenceKind.DateOnly);

                // The export does not say which URI format it was; relative-or-absolute reads both.
                case "global::System.Uri": return TypeReference.Of(TypeReferenceKind.UriReference);
                case CSharpTypeNames.JsonElement: return TypeReference.Json;
            }

            if (name.StartsWith(CSharpTypeNames.ListPrefix, System.StringComparison.Ordinal) && name.EndsWith(">", System.StringComparison.Ordinal))
            {
                return TypeReference.ListOf(Parse(name.Substring(CSharpTypeNames.ListPrefix.Length, name.Length - CSharpTypeNames.ListPrefix.Length - 1)));
            }

            if (name.StartsWith(CSharpTypeNames.DictionaryPrefix, System.StringComparison.Ordinal) && name.EndsWith(">", System.StringComparison.Ordinal))
            {
                return TypeReference.DictionaryOf(Parse(name.Substring(CSharpTypeNames.DictionaryPrefix.Length, name.Length - CSharpTypeNames.DictionaryPrefix.Length - 1)));
            }

            return name.StartsWith("global::", System.StringComparison.Ordinal) ? TypeReference.NamedType(name) : TypeReference.Json;
        }
    }
}
