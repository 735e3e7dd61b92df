using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The code that reads or writes one value of a <see cref="TypeReference"/>: straight calls to the
    /// contract's support class or to another generated converter, never to reflection-based serialization.
    /// Nested lists get their own lambda parameters (suffixed by depth) so names never shadow.
    /// </summary>
    internal static class JsonValueCode
    {
        private const string TokenType = "global::System.Text.Json.JsonTokenType";
        private const string Reader = "global::System.Text.Json.Utf8JsonReader";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";

        /// <summary>An expression reading the value at the reader's current token, leaving the reader on its last token.</summary>
        public static string Read(TypeEmitContext context, TypeReference type, string reader = "reader", string options = "options", int depth = 0)
        {
            var read = ReadNonNull(context, type, reader, options, depth);
            return type.IsNullable && type.Kind != TypeReferenceKind.Json
                ? "(" + reader + ".TokenType == " + TokenType + ".Null ? default(" + CSharpTypeNames.Of(type) + ") : " + read + ")"
                : read;
        }

        private static string ReadNonNull(TypeEmitContext context, TypeReference type, string reader, string options, int depth)
        {
            var support = context.Support;
            switch (type.Kind)
            {
                case TypeReferenceKind.String: return support + ".ReadString(ref " + reader + ")";
                case TypeReferenceKind.Integer: return support + ".ReadInt64(ref " + reader + ")";
                case TypeReferenceKind.Number: return support + ".ReadDouble(ref " + reader + ")";
                case TypeReferenceKind.Boolean: return support + ".ReadBoolean(ref " + reader + ")";
                case TypeReferenceKind.Guid: return support + ".ReadGuid(ref " + reader + ")";
                case TypeReferenceKind.DateTimeOffset: return support + ".ReadDateTimeOffset(ref " + reader + ")";
                case TypeReferenceKind.DateOnly: return support + ".ReadDateOnly(ref " + reader + ")";
                case TypeReferenceKind.Uri: return support + ".ReadUri(ref " + reader + ", global::System.UriKind.Absolute)";
                case TypeReferenceKind.UriReference: return support + ".ReadUri(ref " + reader + ", global::System.UriKind.RelativeOrAbsolute)";
                case TypeReferenceKind.Named:
                    return CSharpTypeNames.ConverterOf(type.Name) + ".Instance.Read(ref " + reader + ", typeof(" + type.Name + "), " + options + ")";
                case TypeReferenceKind.List:
                case TypeReferenceKind.Dictionary:
                    var method = type.Kind == TypeReferenceKind.List ? ".ReadList<" : ".ReadDictionary<";
                    var innerReader = "r" + (depth + 1);
                    var innerOptions = "o" + (depth + 1);
                    var item = Read(context, type.Element!, innerReader, innerOptions, depth + 1);
                    return support + method + CSharpTypeNames.Of(type.Element!) + ">(ref " + reader + ", " + options
                        + ", static (ref " + Reader + " " + innerReader + ", " + Options + " " + innerOptions + ") => " + item + ")";
                default:
                    return "global::System.Text.Json.JsonElement.ParseValue(ref " + reader + ")";
            }
        }

        /// <summary>Statements writing <paramref name="value"/>, which is known not to be null.</summary>
        public static void Write(SourceWriter output, TypeEmitContext context, TypeReference type, string value, string writer = "writer", string options = "options", int depth = 0)
        {
            var support = context.Support;
            switch (type.Kind)
            {
                case TypeReferenceKind.String:
                case TypeReferenceKind.Guid:
                    output.Line($"{writer}.WriteStringValue({value});");
                    break;
                case TypeReferenceKind.Integer:
                case TypeReferenceKind.Number:
                    output.Line($"{writer}.WriteNumberValue({value});");
                    break;
                case TypeReferenceKind.Boolean:
                    output.Line($"{writer}.WriteBooleanValue({value});");
                    break;
                case TypeReferenceKind.DateTimeOffset:
                    output.Line($"{support}.WriteDateTimeOffset({writer}, {value});");
                    break;
                case TypeReferenceKind.DateOnly:
                    output.Line($"{support}.WriteDateOnly({writer}, {value});");
                    break;
                case TypeReferenceKind.Uri:
                case TypeReferenceKind.UriReference:
                    // OriginalString, not ToString(): ToString() unescapes, which would change the document.
                    output.Line($"{writer}.WriteStringValue({value}.OriginalString);");
                    break;
                case TypeReferenceKind.Named:
                    output.Line($"{CSharpTypeNames.ConverterOf(type.Name)}.Instance.Write({writer}, {value}, {options});");
                    break;
                case TypeReferenceKind.List:
                case TypeReferenceKind.Dictionary:
                    var method = type.Kind == TypeReferenceKind.List ? ".WriteList<" : ".WriteDictionary<";
                    var w = "w" + (depth + 1);
                    var item = "item" + (depth + 1);
                    var o = "o" + (depth + 1);
                    using (output.OpenBlock(support + method + CSharpTypeNames.Of(type.Element!) + ">(" + writer + ", " + value + ", " + options + ", static (" + w + ", " + item + ", " + o + ") =>", "});"))
                    {
                        WriteMaybeNull(output, context, type.Element!, item, w, o, depth + 1);
                    }

                    break;
                default:
                    output.Line($"{value}.WriteTo({writer});");
                    break;
            }
        }

        /// <summary>Statements writing a value that may be null (JSON null then).</summary>
        public static void WriteMaybeNull(SourceWriter output, TypeEmitContext context, TypeReference type, string value, string writer, string options, int depth)
        {
            if (!type.IsNullable || type.Kind == TypeReferenceKind.Json)
            {
                Write(output, context, type, value, writer, options, depth);
                return;
            }

            var local = "v" + depth;
            using (output.OpenBlock($"if ({value} is {{ }} {local})"))
            {
                Write(output, context, type, local, writer, options, depth);
            }

            using (output.OpenBlock("else"))
            {
                output.Line($"{writer}.WriteNullValue();");
            }
        }
    }
}
