using System.Linq;
using Alexandria.Generators.Model.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The converter of a generated enum: reads and writes the contract's spellings (<c>in_progress</c>, <c>CT-1</c>),
    /// offers <c>ToJsonValue</c>/<c>TryParse(string)</c> for code that handles the strings directly (routes, SQL), and the
    /// enum's typed JSON entry points (<c>Parse</c>, <c>ParseUnvalidated</c>, <c>ToJson</c>, …), which an enum cannot declare itself.
    /// </summary>
    internal static class EnumConverterEmitter
    {
        public static SourceText Emit(TypeEmitContext context, EnumDeclaration declaration)
        {
            var writer = TypeEmitter.OpenFile(context);
            var type = context.Qualify(declaration.Name);
            var expected = string.Join(", ", declaration.Members.Select(m => m.JsonValue));

            writer.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/> with the contract's spellings.</summary>");
            using (ConverterClass.Open(writer, declaration.Name, type))
            {
                using (ConverterClass.OpenRead(writer, type))
                {
                    using (writer.OpenBlock("if (reader.TokenType == global::System.Text.Json.JsonTokenType.String)"))
                    {
                        for (var i = 0; i < declaration.Members.Count; i++)
                        {
                            var member = declaration.Members[i];
                            if (i > 0)
                            {
                                writer.Line();
                            }

                            using (writer.OpenBlock($"if (reader.ValueTextEquals({new CSharpLiteral(member.JsonValue)}u8))"))
                            {
                                writer.Line($"return {type}.{member.MemberName};");
                            }
                        }
                    }

                    writer.Line();
                    writer.Line($"throw {TypeSupportEmitter.ContractJsonException(context.Namespace)}.Create({new CSharpLiteral("expected a " + declaration.Name + " (one of " + expected + "), found ")} + {context.Support}.Found(ref reader));");
                }

                writer.Line();
                writer.Line("/// <inheritdoc/>");
                writer.Line($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value, global::System.Text.Json.JsonSerializerOptions options)");
                writer.Line("    => writer.WriteStringValue(ToJsonValue(value));");

                writer.Line();
                writer.Line("/// <summary>The contract's spelling of <paramref name=\"value\"/>.</summary>");
                using (writer.OpenBlock($"public static string ToJsonValue({type} value) => value switch", "};"))
                {
                    foreach (var member in declaration.Members)
                    {
                        writer.Line($"{type}.{member.MemberName} => {new CSharpLiteral(member.JsonValue)},");
                    }

                    writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
                }

                EntryPointsEmitter.WriteForEnum(writer, context, declaration.Name);

                writer.Line();
                writer.Line("/// <summary>Reads the contract's spelling; false when <paramref name=\"value\"/> is not one of them.</summary>");
                using (writer.OpenBlock($"public static bool TryParse(string? value, out {type} result)"))
                {
                    using (writer.OpenBlock("switch (value)"))
                    {
                        foreach (var member in declaration.Members)
                        {
                            writer.Line($"case {new CSharpLiteral(member.JsonValue)}:");
                            writer.Line($"    result = {type}.{member.MemberName};");
                            writer.Line("    return true;");
                        }

                        writer.Line("default:");
                        writer.Line("    result = default;");
                        writer.Line("    return false;");
                    }
                }
            }

            return TypeEmitter.CloseSource(writer);
        }
    }
}
