using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The public entry point for serializing one contract's types: <c>Options</c> (read-only, ready to pass to
    /// <c>JsonSerializer</c>), <c>Resolver</c>, which maps each generated type to its generated converter
    /// through <c>JsonMetadataServices</c> with no reflection, and <c>TypeInfo.X</c>, the cached
    /// <c>JsonTypeInfo&lt;X&gt;</c> of each type for calls that are trim- and AOT-safe in the caller's code too.
    /// </summary>
    internal static class SerializerOptionsEmitter
    {
        public static SourceText Emit(TypeEmitContext context, IReadOnlyList<string> typeNames)
        {
            var writer = TypeEmitter.OpenFile(context);
            writer.Line($"/// <summary>System.Text.Json options and type-info resolver for every type generated from {context.FileName}.</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock($"public static partial class {context.JsonClassName}"))
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
                WriteTypeInfos(writer, context, typeNames);

                writer.Line();
                using (writer.OpenBlock("private sealed class TypeInfoResolver : global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver"))
                {
                    using (writer.OpenBlock("public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)"))
                    {
                        foreach (var name in typeNames)
                        {
                            var type = context.Qualify(name);
                            using (writer.OpenBlock($"if (type == typeof({type}))"))
                            {
                                writer.Line($"return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{type}>(options, {CSharpTypeNames.ConverterOf(type)}.Instance);");
                            }

                            writer.Line();
                        }

                        writer.Line("return null;");
                    }
                }
            }

            return TypeEmitter.CloseSource(writer);
        }

        /// <summary>
        /// <c>TypeInfo.RunEvent</c> and so on: the <c>JsonTypeInfo&lt;T&gt;</c> of each type, made on first use from
        /// <c>Options</c> (so through the generated converter) and kept. What a System.Text.Json source-generated
        /// context offers as <c>MyContext.Default.RunEvent</c>, for <c>JsonSerializer</c> overloads that need no reflection.
        /// </summary>
        private static void WriteTypeInfos(SourceWriter writer, TypeEmitContext context, IReadOnlyList<string> typeNames)
        {
            const string TypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
            writer.Line("/// <summary>");
            writer.Line("/// The <c>JsonTypeInfo&lt;T&gt;</c> of every generated type, made on first use over its generated converter and cached:");
            writer.Line($"/// pass one to <c>JsonSerializer</c> (<c>JsonSerializer.Serialize(value, {context.JsonClassName}.{TypeEmitContext.TypeInfoClassName}.X)</c>) for");
            writer.Line("/// calls that are trim- and Native AOT-safe (no IL2026/IL3050). The typed entry points (<c>X.Parse</c>, <c>x.ToJson()</c>) use them.");
            writer.Line("/// </summary>");
            using (writer.OpenBlock($"public static class {TypeEmitContext.TypeInfoClassName}"))
            {
                for (var i = 0; i < typeNames.Count; i++)
                {
                    var type = context.Qualify(typeNames[i]);
                    var info = TypeInfo + "<" + type + ">";
                    writer.Line($"private static {info}? s_{i.ToString(System.Globalization.CultureInfo.InvariantCulture)};");
                }

                for (var i = 0; i < typeNames.Count; i++)
                {
                    var type = context.Qualify(typeNames[i]);
                    var info = TypeInfo + "<" + type + ">";
                    writer.Line();
                    writer.Line($"/// <summary>The type info of <see cref=\"{type}\"/>.</summary>");
                    writer.Line($"public static {info} {TypeEmitContext.TypeInfoPropertyName(typeNames[i])} => s_{i.ToString(System.Globalization.CultureInfo.InvariantCulture)} ??= ({info}){context.Qualify(context.JsonClassName)}.Options.GetTypeInfo(typeof({type}));");
                }
            }
        }
    }
}
