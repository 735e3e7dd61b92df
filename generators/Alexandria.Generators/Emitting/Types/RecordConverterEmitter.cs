using System.Collections.Generic;
using Alexandria.Generators.Model.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The converter of a generated record. Reads members in any order, skips unknown ones (validators reject
    /// them, not the reader), checks string constants, and refuses what the type cannot hold — a missing required
    /// member, a wrong token, null where null is not allowed — with a <c>ContractJsonException</c> whose pointer
    /// names the place (each member read adds its name on the way out). Writes members in schema order, omits absent
    /// optional members, writes null for required null-allowing ones and for present-null <c>Optional</c> members —
    /// so a canonical document round-trips byte for byte.
    /// </summary>
    internal static class RecordConverterEmitter
    {
        public static SourceText Emit(TypeEmitContext context, RecordDeclaration record)
        {
            var writer = TypeEmitter.OpenFile(context);
            var type = context.Qualify(record.Name);

            writer.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/> without reflection.</summary>");
            using (ConverterClass.Open(writer, record.Name, type))
            {
                WriteRead(writer, context, record, type);
                writer.Line();
                WriteWrite(writer, context, record, type);
            }

            return TypeEmitter.CloseSource(writer);
        }

        private static void WriteRead(SourceWriter writer, TypeEmitContext context, RecordDeclaration record, string type)
        {
            var support = context.Support;
            var properties = record.Properties;
            using (ConverterClass.OpenRead(writer, type))
            {
                writer.Line($"{support}.ExpectStartObject(ref reader, {new CSharpLiteral(record.Name)});");
                for (var i = 0; i < properties.Count; i++)
                {
                    var property = properties[i];
                    if (!property.IsConstant)
                    {
                        var localType = RecordEmitter.PropertyType(context, property);
                        writer.Line($"{localType} p{i} = default{(RecordEmitter.HoldsNull(context, property) || property.IsOptionalNullable ? "" : "!")};");
                    }

                    if (property.IsRequired)
                    {
                        writer.Line($"var has{i} = false;");
                    }
                }

                // The member being read, so a failure inside it is reported at its pointer.
                writer.Line("string? at = null;");
                writer.Line();
                using (writer.OpenBlock("try"))
                {
                    using (writer.OpenBlock("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)"))
                    {
                        for (var i = 0; i < properties.Count; i++)
                        {
                            var property = properties[i];
                            var jsonName = new CSharpLiteral(property.JsonName);
                            using (writer.OpenBlock($"if (reader.ValueTextEquals({jsonName}u8))"))
                            {
                                writer.Line($"at = {jsonName};");
                                writer.Line("reader.Read();");
                                var read = JsonValueCode.Read(context, property.Type);

                                // Present, null or not. Built with new, not the implicit conversion: C# applies no
                                // user-defined conversion from an interface type (IReadOnlyList<T>).
                                writer.Line(property.IsConstant
                                    ? support + ".ReadConstant(ref reader, " + CSharpNaming.Literal(property.ConstValue!) + ");"
                                    : "p" + i + " = " + (property.IsOptionalNullable ? "new " + RecordEmitter.PropertyType(context, property) + "(" + read + ")" : read) + ";");
                                if (property.IsRequired)
                                {
                                    writer.Line($"has{i} = true;");
                                }

                                writer.Line("at = null;");
                                writer.Line("continue;");
                            }

                            writer.Line();
                        }

                        writer.Line("// Unknown members are skipped here; the generated validator is what rejects them.");
                        writer.Line("reader.Read();");
                        writer.Line("reader.Skip();");
                    }
                }

                using (writer.OpenBlock("catch (global::System.Text.Json.JsonException e) when (at is not null)"))
                {
                    writer.Line($"throw {TypeSupportEmitter.ContractJsonException(context.Namespace)}.AtMember(e, at);");
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    if (properties[i].IsRequired)
                    {
                        writer.Line();
                        using (writer.OpenBlock($"if (!has{i})"))
                        {
                            writer.Line($"throw {support}.MissingProperty({new CSharpLiteral(properties[i].JsonName)}, {new CSharpLiteral(record.Name)});");
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
                    writer.Line($"return new {type}();");
                }
                else
                {
                    using (writer.OpenBlock($"return new {type}", "};"))
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
            using (writer.OpenBlock($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                writer.Line("writer.WriteStartObject();");
                for (var i = 0; i < record.Properties.Count; i++)
                {
                    var property = record.Properties[i];
                    var name = new CSharpLiteral(property.JsonName);
                    if (property.IsConstant)
                    {
                        writer.Line($"writer.WriteString({name}u8, {new CSharpLiteral(property.ConstValue!)});");
                        continue;
                    }

                    if (property.IsOptionalNullable)
                    {
                        // Present (null or not) is written; absent is not.
                        using (writer.OpenBlock($"if (value.{property.PropertyName}.IsPresent)"))
                        {
                            writer.Line($"writer.WritePropertyName({name}u8);");
                            JsonValueCode.WriteMaybeNull(writer, context, property.Type, "value." + property.PropertyName + ".GetValueOrDefault()", "writer", "options", 0);
                        }

                        continue;
                    }

                    if (!RecordEmitter.HoldsNull(context, property))
                    {
                        writer.Line($"writer.WritePropertyName({name}u8);");
                        JsonValueCode.Write(writer, context, property.Type, "value." + property.PropertyName);
                        continue;
                    }

                    using (writer.OpenBlock($"if (value.{property.PropertyName} is {{ }} p{i})"))
                    {
                        writer.Line($"writer.WritePropertyName({name}u8);");
                        JsonValueCode.Write(writer, context, property.Type, "p" + i);
                    }

                    if (property.IsRequired)
                    {
                        using (writer.OpenBlock("else"))
                        {
                            writer.Line($"writer.WriteNull({name}u8);");
                        }
                    }
                }

                writer.Line("writer.WriteEndObject();");
            }
        }
    }
}
