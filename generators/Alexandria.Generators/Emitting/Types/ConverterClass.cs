namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The frame every generated converter shares (enum, record, closed union, wrapper union): the class declaration
    /// with its stateless shared instance, and the <c>Read</c> override's signature. Each emitter writes its own summary
    /// before <see cref="Open"/> and its own body inside.
    /// </summary>
    internal static class ConverterClass
    {
        /// <summary>Writes the attribute, opens <c>{name}JsonConverter</c> and writes its <c>Instance</c>; the caller closes the block.</summary>
        public static SourceWriter.Block Open(SourceWriter writer, string name, string type)
        {
            var converter = CSharpTypeNames.ConverterOf(type);
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            var block = writer.OpenBlock($"public sealed class {name}JsonConverter : global::System.Text.Json.Serialization.JsonConverter<{type}>");
            writer.Line("/// <summary>The shared instance; the converter holds no state.</summary>");
            writer.Line($"public static {converter} Instance {{ get; }} = new {converter}();");
            writer.Line();
            return block;
        }

        /// <summary>Opens the <c>Read</c> override of a converter of <paramref name="type"/>; the caller closes the block.</summary>
        public static SourceWriter.Block OpenRead(SourceWriter writer, string type)
        {
            writer.Line("/// <inheritdoc/>");
            return writer.OpenBlock($"public override {type} Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)");
        }
    }
}
