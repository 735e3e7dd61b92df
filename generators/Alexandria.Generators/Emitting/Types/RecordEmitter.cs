using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// An object schema as <c>public sealed partial record</c>: <c>required</c> init members for required JSON
    /// members, nullable ones for optional or null-allowing members (<c>Optional&lt;T?&gt;</c> for members that are
    /// both), get-only constants for string <c>const</c> members, <c>Is&lt;Name&gt;</c> for boolean
    /// <c>x-alexandria-*</c> flags, and the typed entry points (<c>Parse</c>, <c>ToJson</c>, …). Members a union
    /// base declares are not redeclared.
    /// </summary>
    internal static class RecordEmitter
    {
        public static SourceText Emit(TypeEmitContext context, RecordDeclaration record)
        {
            var writer = TypeEmitter.OpenFile(context);
            var fullName = context.Qualify(record.Name);
            DocComments.Summary(writer, record.Description, context.FileName + "#" + record.Pointer);
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            writer.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({CSharpTypeNames.ConverterOf(fullName)}))]");
            using (writer.OpenBlock($"public sealed partial record {record.Name}{(record.BaseName is null ? "" : " : " + record.BaseName)}"))
            {
                var first = true;
                foreach (var property in record.Properties)
                {
                    if (property.IsInherited && !property.IsConstant)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    WriteProperty(writer, context, property);
                }

                foreach (var flag in record.Flags)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    writer.Line("/// <summary>From the contract's <c>x-alexandria-*</c> annotation on this schema.</summary>");
                    writer.Line($"public {(flag.IsOverride ? "override " : "")}bool {flag.PropertyName} => {(flag.Value ? "true" : "false")};");
                }

                EntryPointsEmitter.WriteForObject(writer, context, record.Name, isUnionCase: record.BaseName is not null);

                var declared = DataMembers(record.Properties.Where(p => !p.IsInherited)).ToList();
                if (EqualityEmitter.IsNeeded(declared))
                {
                    EqualityEmitter.Write(writer, context, fullName, declared, hasBase: record.BaseName is not null, isSealed: true);
                }
            }

            return TypeEmitter.CloseSource(writer);
        }

        /// <summary>Members that hold data (constants hold none and take no part in equality).</summary>
        public static IEnumerable<PropertyDeclaration> DataMembers(IEnumerable<PropertyDeclaration> properties) => properties.Where(p => !p.IsConstant);

        /// <summary>
        /// The C# type of a member: nullable when JSON allows null or the member may be absent, and
        /// <c>Optional&lt;T?&gt;</c> when both (absent and null are then different documents).
        /// </summary>
        public static string PropertyType(TypeEmitContext context, PropertyDeclaration property)
        {
            var type = CSharpTypeNames.Of(property.Type);
            if (property.IsOptionalNullable)
            {
                return TypeSupportEmitter.OptionalOf(context.Namespace, type);
            }

            return property.IsRequired || type.EndsWith("?", System.StringComparison.Ordinal) ? type : type + "?";
        }

        /// <summary>Whether the member's C# type can hold <c>null</c> (an <c>Optional</c> cannot: it holds absence instead).</summary>
        public static bool HoldsNull(TypeEmitContext context, PropertyDeclaration property)
            => !property.IsOptionalNullable && PropertyType(context, property).EndsWith("?", System.StringComparison.Ordinal);

        public static void WriteProperty(SourceWriter writer, TypeEmitContext context, PropertyDeclaration property)
        {
            DocComments.Summary(writer, property.Description);
            if (property.IsConstant)
            {
                writer.Line(property.IsInherited
                    ? "public override string " + property.PropertyName + " => " + CSharpNaming.Literal(property.ConstValue!) + ";"
                    : "public string " + property.PropertyName + " => " + CSharpNaming.Literal(property.ConstValue!) + ";");
                return;
            }

            writer.Line($"public {(property.IsRequired ? "required " : "")}{PropertyType(context, property)} {property.PropertyName} {{ get; init; }}");
        }
    }
}
