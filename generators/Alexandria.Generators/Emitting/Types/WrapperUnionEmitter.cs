using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// A wrapper union as <c>public sealed partial class</c> holding exactly one case: <c>Kind</c> (a nested <c>Case</c>
    /// enum), per case <c>IsX</c>, <c>AsX</c>, <c>TryGetX</c> and <c>FromX</c> (and an implicit conversion when the case's
    /// type is a class or struct no other case has), exhaustive <c>Match</c>/<c>Switch</c>, equality by content, and
    /// the typed entry points; <c>ToString</c> is the JSON text.
    /// </summary>
    internal static class WrapperUnionEmitter
    {
        public static string Emit(TypeEmitContext context, WrapperUnionDeclaration union)
        {
            var writer = TypeEmitter.OpenFile(context);
            var fullName = context.Qualify(union.Name);
            var types = union.Cases.Select(c => CSharpTypeNames.Of(c.Type)).ToList();

            DocComments.Summary(writer, union.Description, context.FileName + "#" + union.Pointer);
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            writer.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({CSharpTypeNames.ConverterOf(fullName)}))]");
            using (writer.OpenBlock($"public sealed partial class {union.Name} : global::System.IEquatable<{fullName}>"))
            {
                writer.Line("private readonly object _value;");
                writer.Line();
                using (writer.OpenBlock($"private {union.Name}({union.CaseEnumName} kind, object value)"))
                {
                    writer.Line($"{union.KindPropertyName} = kind;");
                    writer.Line("_value = value;");
                }

                writer.Line();
                writer.Line($"/// <summary>The cases of <see cref=\"{fullName}\"/>, in contract order.</summary>");
                using (writer.OpenBlock("public enum " + union.CaseEnumName))
                {
                    foreach (var @case in union.Cases)
                    {
                        writer.Line($"/// <summary>Holds a {Doc(@case, types[union.IndexOf(@case)])}.</summary>");
                        writer.Line(@case.Name + ",");
                    }
                }

                writer.Line();
                writer.Line("/// <summary>Which case this value holds.</summary>");
                writer.Line($"public {union.CaseEnumName} {union.KindPropertyName} {{ get; }}");

                for (var i = 0; i < union.Cases.Count; i++)
                {
                    WriteCaseMembers(writer, union, union.Cases[i], types[i], ConvertsImplicitly(union.Cases[i], types, i) && types[i] != fullName);
                }

                WriteMatch(writer, union, types);
                EntryPointsEmitter.WriteForObject(writer, context, union.Name, isUnionCase: false);
                WriteEquality(writer, context, union, fullName, types);
            }

            return TypeEmitter.CloseFile(writer);
        }

        private static void WriteCaseMembers(SourceWriter writer, WrapperUnionDeclaration union, WrapperCase @case, string type, bool implicitConversion)
        {
            var name = @case.Name;
            var fail = CSharpNaming.Literal(union.Name + " holds another case than " + name + ": ");
            writer.Line();
            writer.Line($"/// <summary>Whether this value holds a {Doc(@case, type)}.</summary>");
            writer.Line($"public bool Is{name} => {union.KindPropertyName} == {union.CaseEnumName}.{name};");
            writer.Line();
            writer.Line($"/// <summary>The {Doc(@case, type)} this value holds.</summary>");
            writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">It holds another case.</exception>");
            writer.Line($"public {type} As{name} => {union.KindPropertyName} == {union.CaseEnumName}.{name} ? ({type})_value : throw new global::System.InvalidOperationException({fail} + {union.KindPropertyName});");
            writer.Line();
            writer.Line($"/// <summary>The {Doc(@case, type)} this value holds, if it holds one.</summary>");
            using (writer.OpenBlock($"public bool TryGet{name}([global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {type} value)"))
            {
                using (writer.OpenBlock($"if ({union.KindPropertyName} == {union.CaseEnumName}.{name})"))
                {
                    writer.Line($"value = ({type})_value;");
                    writer.Line("return true;");
                }

                writer.Line();
                writer.Line("value = default!;");
                writer.Line("return false;");
            }

            writer.Line();
            writer.Line($"/// <summary>A {Doc(@case, type)} as this union.</summary>");
            using (writer.OpenBlock($"public static {union.Name} From{name}({type} value)"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
                writer.Line($"return new {union.Name}({union.CaseEnumName}.{name}, value);");
            }

            if (implicitConversion)
            {
                writer.Line();
                writer.Line($"/// <summary>A {Doc(@case, type)} as this union.</summary>");
                writer.Line($"public static implicit operator {union.Name}({type} value) => From{name}(value);");
            }
        }

        private static void WriteMatch(SourceWriter writer, WrapperUnionDeclaration union, List<string> types)
        {
            var parameters = union.Cases.Select(c => CSharpNaming.ToCamelCase(c.Name)).ToList();
            var kind = union.KindPropertyName;
            var notACase = $"throw new global::System.InvalidOperationException(\"Not a case of {union.Name}: \" + {kind})";
            writer.Line();
            writer.Line("/// <summary>Calls the function for this value's case and returns its result; adding a case to the contract breaks every call until it is handled.</summary>");
            using (writer.OpenBlock($"public TResult Match<TResult>({string.Join(", ", types.Select((t, i) => "global::System.Func<" + t + ", TResult> " + parameters[i]))}) => {kind} switch", "};"))
            {
                for (var i = 0; i < union.Cases.Count; i++)
                {
                    writer.Line($"{union.CaseEnumName}.{union.Cases[i].Name} => {parameters[i]}(({types[i]})_value),");
                }

                writer.Line($"_ => {notACase},");
            }

            writer.Line();
            writer.Line("/// <summary>Calls the action for this value's case.</summary>");
            using (writer.OpenBlock($"public void Switch({string.Join(", ", types.Select((t, i) => "global::System.Action<" + t + "> " + parameters[i]))})"))
            {
                using (writer.OpenBlock($"switch ({kind})"))
                {
                    for (var i = 0; i < union.Cases.Count; i++)
                    {
                        writer.Line($"case {union.CaseEnumName}.{union.Cases[i].Name}:");
                        writer.Line($"    {parameters[i]}(({types[i]})_value);");
                        writer.Line("    return;");
                    }

                    writer.Line("default:");
                    writer.Line($"    {notACase};");
                }
            }
        }

        private static void WriteEquality(SourceWriter writer, TypeEmitContext context, WrapperUnionDeclaration union, string fullName, List<string> types)
        {
            var kind = union.KindPropertyName;
            writer.Line();
            writer.Line("/// <summary>The same case holding an equal value; lists, maps and raw JSON compare by content.</summary>");
            using (writer.OpenBlock($"public bool Equals({fullName}? other)"))
            {
                using (writer.OpenBlock($"if (other is null || other.{kind} != {kind})"))
                {
                    writer.Line("return false;");
                }

                writer.Line();
                using (writer.OpenBlock($"return {kind} switch", "};"))
                {
                    for (var i = 0; i < union.Cases.Count; i++)
                    {
                        var helper = ContentHelper(union.Cases[i].Type.Kind);
                        writer.Line(helper is null
                            ? $"{union.CaseEnumName}.{union.Cases[i].Name} => _value.Equals(other._value),"
                            : $"{union.CaseEnumName}.{union.Cases[i].Name} => {context.Equality}.{helper}Equals(({types[i]})_value, ({types[i]})other._value),");
                    }

                    writer.Line("_ => false,");
                }
            }

            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Line($"public override bool Equals(object? obj) => Equals(obj as {fullName});");
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            using (writer.OpenBlock($"public override int GetHashCode() => global::System.HashCode.Combine({kind}, {kind} switch", "});"))
            {
                for (var i = 0; i < union.Cases.Count; i++)
                {
                    var helper = ContentHelper(union.Cases[i].Type.Kind);
                    writer.Line(helper is null
                        ? $"{union.CaseEnumName}.{union.Cases[i].Name} => _value.GetHashCode(),"
                        : $"{union.CaseEnumName}.{union.Cases[i].Name} => {context.Equality}.{helper}Hash(({types[i]})_value),");
                }

                writer.Line("_ => 0,");
            }

            writer.Line();
            writer.Line("/// <summary>Whether both are null, or hold the same case with equal values.</summary>");
            writer.Line($"public static bool operator ==({fullName}? left, {fullName}? right) => left is null ? right is null : left.Equals(right);");
            writer.Line();
            writer.Line("/// <summary>Whether they differ in case or value.</summary>");
            writer.Line($"public static bool operator !=({fullName}? left, {fullName}? right) => !(left == right);");
            writer.Line();
            writer.Line("/// <summary>The JSON text of the held case, as written by the generated converter.</summary>");
            writer.Line("public override string ToString() => ToJson();");
        }

        /// <summary>C# allows no user-defined conversion from an interface (lists, maps) or from the type itself, and two from one type would be ambiguous.</summary>
        private static bool ConvertsImplicitly(WrapperCase @case, List<string> types, int index)
            => @case.Type.Kind is not (TypeReferenceKind.List or TypeReferenceKind.Dictionary) && types.Count(t => t == types[index]) == 1;

        private static string? ContentHelper(TypeReferenceKind kind) => kind switch
        {
            TypeReferenceKind.List => "List",
            TypeReferenceKind.Dictionary => "Dictionary",
            TypeReferenceKind.Json => "Json",
            _ => null,
        };

        /// <summary>A reference to the case's type in a doc comment: a link for a generated type, its name for the others.</summary>
        private static string Doc(WrapperCase @case, string type)
            => @case.Type.Kind == TypeReferenceKind.Named ? "<see cref=\"" + type + "\"/>" : "<c>" + DocComments.Escape(type) + "</c>";
    }
}
