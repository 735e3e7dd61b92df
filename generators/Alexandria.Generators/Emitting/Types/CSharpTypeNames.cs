using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// How a <see cref="TypeReference"/> is spelled in C#. The same spelling is exported to other areas
    /// (<c>SchemaExport.TypeName</c>) and read back by <see cref="Parsing.Schema.ExportedTypeNames"/>.
    /// </summary>
    internal static class CSharpTypeNames
    {
        public const string ListPrefix = "global::System.Collections.Generic.IReadOnlyList<";
        public const string DictionaryPrefix = "global::System.Collections.Generic.IReadOnlyDictionary<string, ";
        public const string JsonElement = "global::System.Text.Json.JsonElement";

        /// <summary>The C# type, with <c>?</c> when JSON null is allowed.</summary>
        public static string Of(TypeReference type) => type.IsNullable && type.Kind != TypeReferenceKind.Json ? NonNullable(type) + "?" : NonNullable(type);

        /// <summary>The C# type without the nullable annotation.</summary>
        public static string NonNullable(TypeReference type) => type.Kind switch
        {
            TypeReferenceKind.String => "string",
            TypeReferenceKind.Integer => "long",
            TypeReferenceKind.Number => "double",
            TypeReferenceKind.Boolean => "bool",
            TypeReferenceKind.Guid => "global::System.Guid",
            TypeReferenceKind.DateTimeOffset => "global::System.DateTimeOffset",
            TypeReferenceKind.DateOnly => "global::System.DateOnly",
            TypeReferenceKind.Uri or TypeReferenceKind.UriReference => "global::System.Uri",
            TypeReferenceKind.Named => type.Name,
            TypeReferenceKind.List => ListPrefix + Of(type.Element!) + ">",
            TypeReferenceKind.Dictionary => DictionaryPrefix + Of(type.Element!) + ">",
            _ => JsonElement,
        };

        /// <summary>The generated converter of a named type: every generated type has one beside it, named by this rule.</summary>
        public static string ConverterOf(string fullyQualifiedTypeName) => fullyQualifiedTypeName + "JsonConverter";
    }
}
