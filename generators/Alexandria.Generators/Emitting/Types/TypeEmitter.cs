using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The types area's emitter: one file per type (<c>output_schema.RunEvent.g.cs</c>), one per converter, and
    /// per contract the JSON entry point (<c>OutputSchemaJson</c>); the internal helpers they share come once per
    /// compilation from <see cref="TypeSupportEmitter"/>. Output depends only
    /// on the model, in the model's order, so the same contract always gives the same bytes.
    /// </summary>
    internal static class TypeEmitter
    {
        public static IEnumerable<GeneratedSource> Emit(SchemaTypesModel model)
        {
            if (model.Types.Count == 0)
            {
                yield break;
            }

            var context = new TypeEmitContext(model.FileName, model.Namespace);
            foreach (var declaration in model.Types)
            {
                switch (declaration)
                {
                    case RecordDeclaration record:
                        yield return new GeneratedSource(context.HintName(record.Name), RecordEmitter.Emit(context, record));
                        yield return new GeneratedSource(context.HintName(record.Name, "JsonConverter"), RecordConverterEmitter.Emit(context, record));
                        break;
                    case UnionDeclaration union:
                        yield return new GeneratedSource(context.HintName(union.Name), UnionEmitter.Emit(context, union));
                        yield return new GeneratedSource(context.HintName(union.Name, "JsonConverter"), UnionConverterEmitter.Emit(context, union));
                        break;
                    case WrapperUnionDeclaration wrapper:
                        yield return new GeneratedSource(context.HintName(wrapper.Name), WrapperUnionEmitter.Emit(context, wrapper));
                        yield return new GeneratedSource(context.HintName(wrapper.Name, "JsonConverter"), WrapperUnionConverterEmitter.Emit(context, wrapper));
                        break;
                    case EnumDeclaration enumeration:
                        yield return new GeneratedSource(context.HintName(enumeration.Name), EnumEmitter.Emit(context, enumeration));
                        yield return new GeneratedSource(context.HintName(enumeration.Name, "JsonConverter"), EnumConverterEmitter.Emit(context, enumeration));
                        break;
                }
            }

            yield return new GeneratedSource(context.HintName(context.JsonClassName), SerializerOptionsEmitter.Emit(context, model.Types.Select(t => t.Name).ToList()));
        }

        /// <summary>Starts a generated file: the shared header and the contract's namespace.</summary>
        internal static SourceWriter OpenFile(TypeEmitContext context) => OpenFile(context.FileName, context.Namespace);

        /// <summary>Starts a generated file from <paramref name="sourceFile"/> in <paramref name="ns"/>.</summary>
        internal static SourceWriter OpenFile(string sourceFile, string ns)
        {
            var writer = new SourceWriter();
            GeneratedFileHeader.Write(writer, sourceFile);
            writer.Line($"namespace {ns}");
            writer.Line("{");
            writer.Indentation++;
            return writer;
        }

        internal static string CloseFile(SourceWriter writer)
        {
            writer.Indentation--;
            writer.Line("}");
            return writer.ToString();
        }

        /// <summary>Ends a generated file as the compiler keeps it (no string of its text is made).</summary>
        internal static SourceText CloseSource(SourceWriter writer)
        {
            writer.Indentation--;
            writer.Line("}");
            return writer.ToSourceText();
        }
    }
}
