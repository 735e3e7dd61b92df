using System.Linq;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.StrictSchemas;

namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>
    /// Emits the part of a prompt accessor that carries its <c>OutputSchemas</c>: the provider schema texts as
    /// constants and, when strict mode made optional members nullable, straight-line code that maps a strict
    /// reply back to the contract (one method per shape of <see cref="ReplyShape"/>).
    /// </summary>
    internal static class PromptOutputSchemasEmitter
    {
        private const string Stj = "global::System.Text.Json";
        private const string Mapping = "__OpenAiReplyMapping";

        public static string Emit(string fileName, string ns, PromptOutputSchemas prompt)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, fileName);
            using (w.OpenBlock("namespace " + ns))
            {
                // The accessor's own part carries the type's attributes and docs; this part adds one member.
                using (w.OpenBlock("public sealed partial class " + prompt.PromptClassName))
                {
                    var type = "global::" + ns + "." + PromptSupportNames.StructuredOutputSchemas;
                    w.Line("/// <summary>The output schema as each provider's structured-output schema, compiled at build time from the contract.</summary>");
                    w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                    w.Line("public static " + type + " OutputSchemas { get; } = new " + type + "(");
                    w.Indentation++;
                    w.Line(CSharpNaming.Literal(prompt.Name) + ",");
                    w.Line(Text(prompt.OpenAiStrict) + ",");
                    w.Line(Text(prompt.Anthropic) + ",");
                    w.Line(Text(prompt.Ollama) + ",");
                    w.Line(Strings(prompt.OpenAiFallbackReasons) + ",");
                    w.Line(Strings(prompt.AnthropicFallbackReasons) + ",");
                    w.Line(Strings(prompt.OllamaFallbackReasons) + ",");
                    w.Line((prompt.ReplyRoot < 0 ? "null" : Mapping + ".Shape" + Id(prompt.ReplyRoot)) + ");");
                    w.Indentation--;
                    if (prompt.ReplyRoot >= 0)
                    {
                        w.Line();
                        WriteMapping(w, prompt);
                    }
                }
            }

            return w.ToString();
        }

        private static void WriteMapping(SourceWriter w, PromptOutputSchemas prompt)
        {
            w.Line("/// <summary>The nullable→absent mapping of OpenAI strict replies, one method per schema shape that leads to a nullable-forced member.</summary>");
            using (w.OpenBlock("private static class " + Mapping))
            {
                for (var i = 0; i < prompt.ReplyShapes.Count; i++)
                {
                    if (i > 0)
                    {
                        w.Line();
                    }

                    WriteShape(w, prompt.ReplyShapes[i]);
                }
            }
        }

        private static void WriteShape(SourceWriter w, ReplyShape shape)
        {
            using (w.OpenBlock("internal static void Shape" + Id(shape.Id) + "(" + Stj + ".JsonElement value, " + Stj + ".Utf8JsonWriter writer, ref int removed)"))
            {
                switch (shape.Kind)
                {
                    case ReplyShapeKind.Object:
                        WriteObject(w, shape);
                        break;
                    case ReplyShapeKind.Array:
                        using (w.OpenBlock("if (value.ValueKind != " + Stj + ".JsonValueKind.Array)"))
                        {
                            w.Line("value.WriteTo(writer);");
                            w.Line("return;");
                        }

                        w.Line();
                        w.Line("writer.WriteStartArray();");
                        using (w.OpenBlock("foreach (var item in value.EnumerateArray())"))
                        {
                            w.Line("Shape" + Id(shape.Items) + "(item, writer, ref removed);");
                        }

                        w.Line();
                        w.Line("writer.WriteEndArray();");
                        break;
                    case ReplyShapeKind.Discriminated:
                        using (w.OpenBlock("if (value.ValueKind == " + Stj + ".JsonValueKind.Object && value.TryGetProperty(" + CSharpNaming.Literal(shape.Discriminator) + ", out var discriminator))"))
                        {
                            foreach (var branch in shape.Branches)
                            {
                                using (w.OpenBlock("if (" + ConstTest(branch.Match) + ")"))
                                {
                                    w.Line("Shape" + Id(branch.Shape) + "(value, writer, ref removed);");
                                    w.Line("return;");
                                }
                            }
                        }

                        w.Line();
                        w.Line("value.WriteTo(writer);");
                        break;
                    default:
                        foreach (var branch in shape.Branches)
                        {
                            using (w.OpenBlock("if (value.ValueKind == " + Stj + ".JsonValueKind." + branch.Match + ")"))
                            {
                                w.Line("Shape" + Id(branch.Shape) + "(value, writer, ref removed);");
                                w.Line("return;");
                            }

                            w.Line();
                        }

                        w.Line("value.WriteTo(writer);");
                        break;
                }
            }
        }

        private static void WriteObject(SourceWriter w, ReplyShape shape)
        {
            using (w.OpenBlock("if (value.ValueKind != " + Stj + ".JsonValueKind.Object)"))
            {
                w.Line("value.WriteTo(writer);");
                w.Line("return;");
            }

            w.Line();
            w.Line("writer.WriteStartObject();");
            using (w.OpenBlock("foreach (var member in value.EnumerateObject())"))
            {
                using (w.OpenBlock("switch (member.Name)"))
                {
                    foreach (var member in shape.Members)
                    {
                        w.Line("case " + CSharpNaming.Literal(member.Name) + ":");
                        w.Indentation++;
                        if (member.ForcedNullable)
                        {
                            // Optional in the contract, which does not allow null here: strict mode's null means "absent".
                            using (w.OpenBlock("if (member.Value.ValueKind == " + Stj + ".JsonValueKind.Null)"))
                            {
                                w.Line("removed++;");
                                w.Line("break;");
                            }

                            w.Line();
                        }

                        if (member.Shape >= 0)
                        {
                            w.Line("writer.WritePropertyName(member.Name);");
                            w.Line("Shape" + Id(member.Shape) + "(member.Value, writer, ref removed);");
                        }
                        else
                        {
                            w.Line("member.WriteTo(writer);");
                        }

                        w.Line("break;");
                        w.Indentation--;
                    }

                    w.Line("default:");
                    w.Indentation++;
                    w.Line("member.WriteTo(writer);");
                    w.Line("break;");
                    w.Indentation--;
                }
            }

            w.Line();
            w.Line("writer.WriteEndObject();");
        }

        /// <summary>A test of the discriminator against a const: strings by value (escapes do not matter), others by their JSON text.</summary>
        private static string ConstTest(string constJson)
        {
            return JsonDocumentParser.Parse(constJson, out _) is JsonString s
                ? "discriminator.ValueKind == " + Stj + ".JsonValueKind.String && discriminator.ValueEquals(" + CSharpNaming.Literal(s.Value) + ")"
                : "discriminator.ValueKind != " + Stj + ".JsonValueKind.String && discriminator.GetRawText() == " + CSharpNaming.Literal(constJson);
        }

        private static string Text(string? json) => json is null ? "null" : CSharpNaming.Literal(json);

        private static string Strings(EquatableArray<string> values)
            => values.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", values.Select(CSharpNaming.Literal)) + " }";

        private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
