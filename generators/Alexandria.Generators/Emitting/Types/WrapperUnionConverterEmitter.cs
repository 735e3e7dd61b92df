using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Schema;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The converter of a wrapper union. Reading picks the case without buffering when it can: by the JSON token (a
    /// string, an array, an object…), then among objects by a discriminating member (looked up on a copy of the
    /// reader). Where neither decides, the value is read once into a <c>JsonElement</c> and the branches' generated
    /// validators choose: for <c>oneOf</c> exactly one must accept it, for <c>anyOf</c> the first that does, in contract
    /// order. A value no case accepts, or (for <c>oneOf</c>) several, fails with a <c>ContractJsonException</c> at its
    /// pointer. Writing writes the held case.
    /// </summary>
    internal static class WrapperUnionConverterEmitter
    {
        private const string TokenType = "global::System.Text.Json.JsonTokenType";

        public static string Emit(TypeEmitContext context, WrapperUnionDeclaration union)
        {
            var writer = TypeEmitter.OpenFile(context);
            var type = context.Qualify(union.Name);
            var fail = TypeSupportEmitter.ContractJsonException(context.Namespace);
            var needsElement = WrapperUnionDeclaration.TokenGroups.Any(g => union.NeedsValidators(g, union.CandidatesFor(g)));

            writer.Line($"/// <summary>Reads and writes <see cref=\"{type}\"/>, choosing the case by JSON token, discriminator or the branches' validators.</summary>");
            using (ConverterClass.Open(writer, union.Name, type))
            {
                using (ConverterClass.OpenRead(writer, type))
                {
                    using (writer.OpenBlock("switch (reader.TokenType)"))
                    {
                        foreach (var group in WrapperUnionDeclaration.TokenGroups)
                        {
                            var candidates = union.CandidatesFor(group);
                            if (candidates.Count > 0)
                            {
                                WriteGroup(writer, context, union, type, fail, group, candidates);
                            }
                        }
                    }

                    writer.Line();
                    var tokens = WrapperUnionDeclaration.TokenGroups.Where(g => union.CandidatesFor(g).Count > 0).Select(TokenText).ToList();
                    var accepted = tokens.Count == 1 ? tokens[0] : string.Join(", ", tokens.Take(tokens.Count - 1)) + " or " + tokens[tokens.Count - 1];
                    writer.Line($"throw {fail}.Create({CSharpNaming.Literal("expected " + accepted + " for " + union.Name + ", found ")} + {context.Support}.Found(ref reader));");
                }

                if (needsElement)
                {
                    writer.Line();
                    WriteFromElement(writer, context, union, type);
                }

                writer.Line();
                writer.Line("/// <inheritdoc/>");
                using (writer.OpenBlock($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value, global::System.Text.Json.JsonSerializerOptions options)"))
                {
                    using (writer.OpenBlock($"switch (value.{union.KindPropertyName})"))
                    {
                        foreach (var @case in union.Cases)
                        {
                            using (writer.OpenBlock($"case {type}.{union.CaseEnumName}.{@case.Name}:"))
                            {
                                JsonValueCode.Write(writer, context, @case.Type, "value.As" + @case.Name);
                                writer.Line("return;");
                            }
                        }

                        writer.Line("default:");
                        writer.Line($"    throw new global::System.Text.Json.JsonException(\"Not a case of {union.Name}: \" + value.{union.KindPropertyName});");
                    }
                }
            }

            return TypeEmitter.CloseFile(writer);
        }

        private static void WriteGroup(SourceWriter writer, TypeEmitContext context, WrapperUnionDeclaration union, string type, string fail, JsonTypes group, List<WrapperCase> candidates)
        {
            var labels = Tokens(group).Select(token => "case " + TokenType + "." + token + ":").ToList();
            for (var i = 0; i < labels.Count - 1; i++)
            {
                writer.Line(labels[i]);
            }

            using (writer.OpenBlock(labels[labels.Count - 1]))
            {
                if (candidates.Count == 1)
                {
                    writer.Line($"return {type}.From{candidates[0].Name}({JsonValueCode.Read(context, candidates[0].Type)});");
                    return;
                }

                if (union.DiscriminatorDecides(group, candidates))
                {
                    writer.Line("// The reader is a struct: the look-ahead runs on a copy and leaves this one at the object's start.");
                    writer.Line($"var value = {context.Support}.FindDiscriminator(reader, {CSharpNaming.Literal(union.Discriminator!)}u8);");
                    using (writer.OpenBlock("switch (value)"))
                    {
                        foreach (var @case in candidates)
                        {
                            writer.Line($"case {CSharpNaming.Literal(@case.DiscriminatorValue!)}:");
                            writer.Line($"    return {type}.From{@case.Name}({JsonValueCode.Read(context, @case.Type)});");
                        }

                        var allowed = string.Join(", ", candidates.Select(c => c.DiscriminatorValue));
                        writer.Line("case null:");
                        writer.Line($"    throw {fail}.Create({CSharpNaming.Literal(union.Name + " needs a string '" + union.Discriminator + "' member to choose its case; expected one of: " + allowed)});");
                        writer.Line("default:");
                        writer.Line("    // Reported at the discriminator itself: the value is what is wrong.");
                        writer.Line($"    throw {fail}.AtMember({fail}.Create({CSharpNaming.Literal("unknown " + union.Discriminator + " \"")} + value + {CSharpNaming.Literal("\" for " + union.Name + "; expected one of: " + allowed)}), {CSharpNaming.Literal(union.Discriminator!)});");
                    }

                    return;
                }

                writer.Line("var element = global::System.Text.Json.JsonElement.ParseValue(ref reader);");
                var names = string.Join(", ", candidates.Select(c => c.Name));
                if (union.IsOneOf)
                {
                    writer.Line("var matched = -1;");
                    writer.Line("var count = 0;");
                    foreach (var @case in candidates)
                    {
                        writer.Line();
                        using (writer.OpenBlock($"if ({Validator(context, @case)}.IsValid(element))"))
                        {
                            writer.Line($"matched = {union.IndexOf(@case).ToString(System.Globalization.CultureInfo.InvariantCulture)};");
                            writer.Line("count++;");
                        }
                    }

                    writer.Line();
                    writer.Line($"return count == 1 ? FromElement(element, matched, options) : throw {fail}.Create(count == 0");
                    writer.Line($"    ? {CSharpNaming.Literal("matches none of " + union.Name + "'s cases (" + names + ")")}");
                    writer.Line($"    : {CSharpNaming.Literal("matches more than one of " + union.Name + "'s cases (" + names + "), and oneOf allows exactly one")});");
                    return;
                }

                foreach (var @case in candidates)
                {
                    writer.Line();
                    using (writer.OpenBlock($"if ({Validator(context, @case)}.IsValid(element))"))
                    {
                        writer.Line($"return FromElement(element, {union.IndexOf(@case).ToString(System.Globalization.CultureInfo.InvariantCulture)}, options);");
                    }
                }

                writer.Line();
                writer.Line($"throw {fail}.Create({CSharpNaming.Literal("matches none of " + union.Name + "'s cases (" + names + ")")});");
            }
        }

        /// <summary>Reads case <c>index</c> from a value the validators chose it for.</summary>
        private static void WriteFromElement(SourceWriter writer, TypeEmitContext context, WrapperUnionDeclaration union, string type)
        {
            using (writer.OpenBlock($"private static {type} FromElement(global::System.Text.Json.JsonElement element, int index, global::System.Text.Json.JsonSerializerOptions options)"))
            {
                writer.Line("var reader = new global::System.Text.Json.Utf8JsonReader(global::System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));");
                writer.Line("reader.Read();");
                using (writer.OpenBlock("switch (index)"))
                {
                    for (var i = 0; i < union.Cases.Count; i++)
                    {
                        var @case = union.Cases[i];
                        if (@case.ValidatorStem.Length > 0)
                        {
                            writer.Line($"case {i.ToString(System.Globalization.CultureInfo.InvariantCulture)}:");
                            writer.Line($"    return {type}.From{@case.Name}({JsonValueCode.Read(context, @case.Type)});");
                        }
                    }

                    writer.Line("default:");
                    writer.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(index));");
                }
            }
        }

        private static string Validator(TypeEmitContext context, WrapperCase @case) => context.Qualify(SchemaNaming.ValidatorName(@case.ValidatorStem));

        private static IEnumerable<string> Tokens(JsonTypes group) => group switch
        {
            JsonTypes.Object => new[] { "StartObject" },
            JsonTypes.Array => new[] { "StartArray" },
            JsonTypes.String => new[] { "String" },
            JsonTypes.Number => new[] { "Number" },
            JsonTypes.Boolean => new[] { "True", "False" },
            _ => new[] { "Null" },
        };

        private static string TokenText(JsonTypes group) => group switch
        {
            JsonTypes.Object => "an object",
            JsonTypes.Array => "an array",
            JsonTypes.String => "a string",
            JsonTypes.Number => "a number",
            JsonTypes.Boolean => "a boolean",
            _ => "null",
        };
    }
}
