using System.Linq;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The converter of a closed union. Reading looks ahead on a copy of the reader for the discriminator, wherever
    /// it sits in the object, then hands the untouched reader to the case's converter; an unknown value fails at the
    /// discriminator's pointer, naming it and the allowed ones. Writing delegates to the case's converter.
    /// </summary>
    internal static class UnionConverterEmitter
    {
        public static string Emit(TypeEmitContext context, UnionDeclaration union)
        {
            var writer = TypeEmitter.OpenFile(context);
            var type = context.Qualify(union.Name);
            var discriminator = CSharpNaming.Literal(union.DiscriminatorJsonName);
            var allowed = string.Join(", ", union.Cases.Select(c => c.DiscriminatorValue));

            writer.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/>, choosing the case by <c>{DocComments.Escape(union.DiscriminatorJsonName)}</c>.</summary>");
            using (ConverterClass.Open(writer, union.Name, type))
            {
                using (ConverterClass.OpenRead(writer, type))
                {
                    writer.Line($"{context.Support}.ExpectStartObject(ref reader, {CSharpNaming.Literal(union.Name)});");
                    writer.Line("// The reader is a struct: the look-ahead runs on a copy and leaves this one at the object's start.");
                    writer.Line($"var value = {context.Support}.FindDiscriminator(reader, {discriminator}u8);");
                    using (writer.OpenBlock("switch (value)"))
                    {
                        foreach (var @case in union.Cases)
                        {
                            var caseType = context.Qualify(@case.TypeName);
                            writer.Line($"case {CSharpNaming.Literal(@case.DiscriminatorValue)}:");
                            writer.Line($"    return {CSharpTypeNames.ConverterOf(caseType)}.Instance.Read(ref reader, typeof({caseType}), options);");
                        }

                        var fail = TypeSupportEmitter.ContractJsonException(context.Namespace);
                        writer.Line("case null:");
                        writer.Line($"    throw {fail}.Create({CSharpNaming.Literal(union.Name + " needs a string '" + union.DiscriminatorJsonName + "' member to choose its case; expected one of: " + allowed)});");
                        writer.Line("default:");
                        writer.Line("    // Reported at the discriminator itself: the value is what is wrong, not the branches it matches none of.");
                        writer.Line($"    throw {fail}.AtMember({fail}.Create({CSharpNaming.Literal("unknown " + union.DiscriminatorJsonName + " \"")} + value + {CSharpNaming.Literal("\" for " + union.Name + "; expected one of: " + allowed)}), {discriminator});");
                    }
                }

                writer.Line();
                writer.Line("/// <inheritdoc/>");
                using (writer.OpenBlock($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value, global::System.Text.Json.JsonSerializerOptions options)"))
                {
                    using (writer.OpenBlock("switch (value)"))
                    {
                        foreach (var @case in union.Cases)
                        {
                            var caseType = context.Qualify(@case.TypeName);
                            writer.Line($"case {caseType} @case:");
                            writer.Line($"    {CSharpTypeNames.ConverterOf(caseType)}.Instance.Write(writer, @case, options);");
                            writer.Line("    return;");
                        }

                        writer.Line("default:");
                        writer.Line($"    throw new global::System.Text.Json.JsonException(\"Not a case of {union.Name}: \" + value.GetType().FullName);");
                    }
                }
            }

            return TypeEmitter.CloseFile(writer);
        }
    }
}
