using System.Linq;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// A closed union as <c>public abstract partial record</c> with a <c>private protected</c> constructor, so
    /// only the generated cases (in this assembly) derive from it; exhaustive <c>Match</c>/<c>Switch</c>; the
    /// discriminator and flags as abstract members; members shared by every case as the base's own members;
    /// and static lookups by discriminator value (<c>KindValues</c>, <c>IsCountedKind</c>).
    /// </summary>
    internal static class UnionEmitter
    {
        public static string Emit(TypeEmitContext context, UnionDeclaration union)
        {
            var writer = TypeEmitter.OpenFile(context);
            var fullName = context.Qualify(union.Name);
            var discriminator = union.DiscriminatorPropertyName;
            var values = string.Join(", ", union.Cases.Select(c => c.DiscriminatorValue));

            DocComments.Summary(writer, union.Description, context.FileName + "#" + union.Pointer);
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            writer.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({CSharpTypeNames.ConverterOf(fullName)}))]");
            using (writer.OpenBlock($"public abstract partial record {union.Name}"))
            {
                writer.Line("/// <summary>Only the generated cases derive from this union.</summary>");
                using (writer.OpenBlock($"private protected {union.Name}()"))
                {
                }

                writer.Line();
                writer.Line($"/// <summary>The <c>{DocComments.Escape(union.DiscriminatorJsonName)}</c> member that selects the case.</summary>");
                writer.Line($"public abstract string {discriminator} {{ get; }}");

                foreach (var property in union.SharedProperties)
                {
                    writer.Line();
                    RecordEmitter.WriteProperty(writer, context, property);
                }

                foreach (var flag in union.AbstractFlags)
                {
                    writer.Line();
                    writer.Line("/// <summary>From each case's <c>x-alexandria-*</c> annotation.</summary>");
                    writer.Line($"public abstract bool {flag} {{ get; }}");
                }

                writer.Line();
                writer.Line($"/// <summary>Every value of <c>{DocComments.Escape(union.DiscriminatorJsonName)}</c>, in contract order.</summary>");
                writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> {discriminator}Values {{ get; }} = global::System.Array.AsReadOnly(new string[] {{ {string.Join(", ", union.Cases.Select(c => CSharpNaming.Literal(c.DiscriminatorValue)))} }});");

                for (var f = 0; f < union.AbstractFlags.Count; f++)
                {
                    var flag = union.AbstractFlags[f];
                    var parameter = CSharpNaming.ToCamelCase(discriminator);
                    writer.Line();
                    writer.Line($"/// <summary>The <c>{flag}</c> of the case whose <c>{DocComments.Escape(union.DiscriminatorJsonName)}</c> is <paramref name=\"{parameter.TrimStart('@')}\"/>, from the contract.</summary>");
                    writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value names no case.</exception>");
                    using (writer.OpenBlock($"public static bool {flag}{discriminator}(string {parameter}) => {parameter} switch", "};"))
                    {
                        foreach (var @case in union.Cases)
                        {
                            writer.Line($"{CSharpNaming.Literal(@case.DiscriminatorValue)} => {(@case.Flags[f].Value ? "true" : "false")},");
                        }

                        writer.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof({parameter}), {parameter}, {CSharpNaming.Literal("Expected one of: " + values + ".")}),");
                    }
                }

                var parameters = union.Cases.Select(c => CSharpNaming.ToCamelCase(c.TypeName)).ToList();
                writer.Line();
                writer.Line("/// <summary>Calls the function for this value's case and returns its result; adding a case to the contract breaks every call until it is handled.</summary>");
                using (writer.OpenBlock($"public TResult Match<TResult>({string.Join(", ", union.Cases.Select((c, i) => "global::System.Func<" + context.Qualify(c.TypeName) + ", TResult> " + parameters[i]))}) => this switch", "};"))
                {
                    for (var i = 0; i < union.Cases.Count; i++)
                    {
                        writer.Line($"{context.Qualify(union.Cases[i].TypeName)} value => {parameters[i]}(value),");
                    }

                    writer.Line($"_ => throw new global::System.InvalidOperationException(\"Not a case of {union.Name}: \" + GetType().FullName),");
                }

                writer.Line();
                writer.Line("/// <summary>Calls the action for this value's case.</summary>");
                using (writer.OpenBlock($"public void Switch({string.Join(", ", union.Cases.Select((c, i) => "global::System.Action<" + context.Qualify(c.TypeName) + "> " + parameters[i]))})"))
                {
                    using (writer.OpenBlock("switch (this)"))
                    {
                        for (var i = 0; i < union.Cases.Count; i++)
                        {
                            writer.Line($"case {context.Qualify(union.Cases[i].TypeName)} value:");
                            writer.Line($"    {parameters[i]}(value);");
                            writer.Line("    return;");
                        }

                        writer.Line("default:");
                        writer.Line($"    throw new global::System.InvalidOperationException(\"Not a case of {union.Name}: \" + GetType().FullName);");
                    }
                }

                EntryPointsEmitter.WriteForObject(writer, context, union.Name, isUnionCase: false);

                var shared = RecordEmitter.DataMembers(union.SharedProperties).ToList();
                if (EqualityEmitter.IsNeeded(shared))
                {
                    EqualityEmitter.Write(writer, context, fullName, shared, hasBase: false, isSealed: false);
                }
            }

            return TypeEmitter.CloseFile(writer);
        }
    }
}
