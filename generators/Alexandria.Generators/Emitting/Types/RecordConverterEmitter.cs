using System.Collections.Generic;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The converter of a generated record. Reads members in any order, skips unknown ones (validators reject
    /// them, not the reader), checks string constants, and throws a <c>JsonException</c> naming any missing
    /// required member. Writes members in schema order, omits absent optional members, writes null for
    /// required null-allowing ones — so a canonical document round-trips byte for byte.
    /// </summary>
    internal static class RecordConverterEmitter
    {
        public static string Emit(TypeEmitContext context, RecordDeclaration record)
        {
            var writer = TypeEmitter.OpenFile(context);
            var type = context.Qualify(record.Name);
            var converter = CSharpTypeNames.ConverterOf(type);

            writer.Line("/// <summary>Reads and writes <see cref=\"" + type + "\"/> without reflection.</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock("public sealed class " + record.Name + "JsonConverter : global::System.Text.Json.Serialization.JsonConverter<" + type + ">"))
            {
                writer.Line("/// <summary>The shared instance; the converter holds no state.</summary>");
                writer.Line("public static " + converter + " Instance { get; } = new " + converter + "();");
                writer.Line();
                WriteRead(writer, context, record, type);
                writer.Line();
                WriteWrite(writer, context, record, type);
            }

            return TypeEmitter.CloseFile(writer);
        }

        private static void WriteRead(SourceWriter writer, TypeEmitContext context, RecordDeclaration record, string type)
        {
            var support = context.Support;
            var properties = record.Properties;
            writer.Line("/// <inheritdoc/>");
            using (writer.OpenBlock("public override " + type + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                writer.Line(support + ".ExpectStartObject(ref reader, " + CSharpNaming.Literal(record.Name) + ");");
                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    if (!property.IsConstant)
                    {
                        var localType = RecordEmitter.PropertyType(property);
                        writer.Line(localType + " p" + i + " = default" + (localType.EndsWith("?", System.StringComparison.Ordinal) ? "" : "!") + ";");
                    }

                    if (property.IsRequired)
                    {
                        writer.Line("var has" + i + " = false;");
                    }
                }

                writer.Line();
                using (writer.OpenBlock("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)"))
                {
                    for (var i = 0; i < properties.Count; i++)
                    {
                        var property = properties[i];
                        using (writer.OpenBlock("if (reader.ValueTextEquals(" + CSharpNaming.Literal(property.JsonName) + "u8))"))
                        {
                            writer.Line("reader.Read();");
                            writer.Line(property.IsConstant
                                ? support + ".ReadConstant(ref reader, " + CSharpNaming.Literal(property.JsonName) + ", " + CSharpNaming.Literal(property.ConstValue!) + ");"
                                : "p" + i + " = " + JsonValueCode.Read(context, property.Type, property.JsonName) + ";");
                            if (property.IsRequired)
                            {
                                writer.Line("has" + i + " = true;");
                            }

                            writer.Line("continue;");
                        }

                        writer.Line();
                    }

                    writer.Line("// Unknown members are skipped here; the generated validator is what rejects them.");
                    writer.Line("reader.Read();");
                    writer.Line("reader.Skip();");
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    if (properties[i].IsRequired)
                    {
                        writer.Line();
                        using (writer.OpenBlock("if (!has" + i + ")"))
                        {
                            writer.Line("throw " + support + ".MissingProperty(" + CSharpNaming.Literal(properties[i].JsonName) + ", " + CSharpNaming.Literal(record.Name) + ");");
                        }
                    }
                }

                writer.Line();
                var assignments = new List<string>();
                for (var i = 0; i < properties.Count; i++)
                {
                    if (!properties[i].IsConstant)
                    {
                        assignments.Add(properties[i].PropertyName + " = p" + i + ",");
                    }
                }

                if (assignments.Count == 0)
                {
                    writer.Line("return new " + type + "();");
                }
                else
                {
                    using (writer.OpenBlock("return new " + type, "};"))
                    {
                        foreach (var assignment in assignments)
                        {
                            writer.Line(assignment);
                        }
                    }
                }
            }
        }

        private static void WriteWrite(SourceWriter writer, TypeEmitContext context, RecordDeclaration record, string type)
        {
            writer.Line("/// <inheritdoc/>");
            using (writer.OpenBlock("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + type + " value, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                writer.Line("writer.WriteStartObject();");
                for (var i = 0; i < record.Properties.Count; i++)
                {
                    var property = record.Properties[i];
                    var name = CSharpNaming.Literal(property.JsonName) + "u8";
                    if (property.IsConstant)
                    {
                        writer.Line("writer.WriteString(" + name + ", " + CSharpNaming.Literal(property.ConstValue!) + ");");
                        continue;
                    }

                    if (!RecordEmitter.PropertyType(property).EndsWith("?", System.StringComparison.Ordinal))
                    {
                        writer.Line("writer.WritePropertyName(" + name + ");");
                        JsonValueCode.Write(writer, context, property.Type, "value." + property.PropertyName);
                        continue;
                    }

                    using (writer.OpenBlock("if (value." + property.PropertyName + " is { } p" + i + ")"))
                    {
                        writer.Line("writer.WritePropertyName(" + name + ");");
                        JsonValueCode.Write(writer, context, property.Type, "p" + i);
                    }

                    if (property.IsRequired)
                    {
                        using (writer.OpenBlock("else"))
                        {
                            writer.Line("writer.WriteNull(" + name + ");");
                        }
                    }
                }

                writer.Line("writer.WriteEndObject();");
            }
        }
    }
}
