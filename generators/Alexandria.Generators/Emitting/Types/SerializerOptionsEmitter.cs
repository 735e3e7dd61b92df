using System.Collections.Generic;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The public entry point for serializing one contract's types: <c>Options</c> (read-only, ready to pass to
    /// <c>JsonSerializer</c>) and <c>Resolver</c>, which maps each generated type to its generated converter
    /// through <c>JsonMetadataServices</c> with no reflection, for AOT and trimming.
    /// </summary>
    internal static class SerializerOptionsEmitter
    {
        public static string Emit(TypeEmitContext context, IReadOnlyList<string> typeNames)
        {
            var writer = TypeEmitter.OpenFile(context);
            writer.Line("/// <summary>System.Text.Json options and type-info resolver for every type generated from " + context.FileName + ".</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock("public static partial class " + context.JsonClassName))
            {
                writer.Line("/// <summary>Resolves each generated type to its generated converter, without reflection (AOT- and trim-safe).</summary>");
                writer.Line("public static global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver Resolver { get; } = new TypeInfoResolver();");
                writer.Line();
                writer.Line("/// <summary>Read-only options that use <see cref=\"Resolver\"/>.</summary>");
                writer.Line("public static global::System.Text.Json.JsonSerializerOptions Options { get; } = CreateOptions();");
                writer.Line();
                using (writer.OpenBlock("private static global::System.Text.Json.JsonSerializerOptions CreateOptions()"))
                {
                    writer.Line("var options = new global::System.Text.Json.JsonSerializerOptions { TypeInfoResolver = Resolver };");
                    writer.Line("options.MakeReadOnly();");
                    writer.Line("return options;");
                }

                writer.Line();
                using (writer.OpenBlock("private sealed class TypeInfoResolver : global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver"))
                {
                    using (writer.OpenBlock("public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)"))
                    {
                        foreach (var name in typeNames)
                        {
                            var type = context.Qualify(name);
                            using (writer.OpenBlock("if (type == typeof(" + type + "))"))
                            {
                                writer.Line("return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<" + type + ">(options, " + CSharpTypeNames.ConverterOf(type) + ".Instance);");
                            }

                            writer.Line();
                        }

                        writer.Line("return null;");
                    }
                }
            }

            return TypeEmitter.CloseFile(writer);
        }
    }
}
