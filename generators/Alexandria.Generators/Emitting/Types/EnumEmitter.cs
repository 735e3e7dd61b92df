using Alexandria.Generators.Model.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>A string <c>enum</c> as a C# enum; its converter (<see cref="EnumConverterEmitter"/>) keeps the JSON spellings.</summary>
    internal static class EnumEmitter
    {
        public static SourceText Emit(TypeEmitContext context, EnumDeclaration declaration)
        {
            var writer = TypeEmitter.OpenFile(context);
            DocComments.Summary(writer, declaration.Description, context.FileName + "#" + declaration.Pointer);
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            writer.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({CSharpTypeNames.ConverterOf(context.Qualify(declaration.Name))}))]");
            using (writer.OpenBlock($"public enum {declaration.Name}"))
            {
                for (var i = 0; i < declaration.Members.Count; i++)
                {
                    var member = declaration.Members[i];
                    if (i > 0)
                    {
                        writer.Line();
                    }

                    writer.Line($"/// <summary>JSON <c>{DocComments.Escape(CSharpNaming.Literal(member.JsonValue))}</c>.</summary>");
                    writer.Line($"{member.MemberName},");
                }
            }

            return TypeEmitter.CloseSource(writer);
        }
    }
}
